package dev.shunt.gateway.admin;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.replicas.PeerView;
import dev.shunt.gateway.replicas.ReplicaView;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /admin/replica}: this replica, the leader it believes in, and each peer's liveness with
 * when it last answered ({@code lastSeenMs}, milliseconds since the epoch; null if never). Peers poll
 * it as their heartbeat. Mounted behind the admin token like the rest of {@code /admin}.
 */
public final class ReplicaAdminRoutes {

    private final AdminJson json = new AdminJson();
    private final Supplier<ReplicaView> replica;

    public ReplicaAdminRoutes(Supplier<ReplicaView> replica) {
        this.replica = requireNonNull(replica, "replica");
    }

    public void mount(Router router) {
        router.get("/admin/replica").handler(ctx -> json.send(ctx, 200, body(replica.get())));
    }

    static Map<String, Object> body(ReplicaView view) {
        List<Map<String, Object>> peers = new ArrayList<>();
        for (PeerView peer : view.peers()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("address", peer.address().toString());
            p.put("live", peer.live());
            p.put("lastSeenMs", peer.lastSeen().map(java.time.Instant::toEpochMilli).orElse(null));
            peers.add(p);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("self", view.self().toString());
        out.put("leader", view.leader().toString());
        out.put("peers", peers);
        return out;
    }
}
