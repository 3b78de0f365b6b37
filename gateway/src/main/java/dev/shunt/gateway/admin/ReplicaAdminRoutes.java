package dev.shunt.gateway.admin;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.cutover.Cutovers;
import dev.shunt.gateway.mirror.Mirrors;
import dev.shunt.gateway.replicas.PeerPoller;
import dev.shunt.gateway.replicas.PeerView;
import dev.shunt.gateway.replicas.PeerWindows;
import dev.shunt.gateway.replicas.ReplicaCoordinator;
import dev.shunt.gateway.replicas.ReplicaView;
import dev.shunt.gateway.replicas.ReplicatedState;
import dev.shunt.gateway.replicas.ReplicatedStateJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the replicas say to each other and to operators, behind the admin token:
 * <ul>
 *   <li>{@code GET /admin/replica}: this replica, the leader it believes in, the state version it
 *       holds, and (static peers) each peer's liveness, when it last answered ({@code lastSeenMs},
 *       milliseconds since the epoch; null if never) and the state version it holds. Peers poll it
 *       as their heartbeat.</li>
 *   <li>{@code GET /admin/replica/state}: the replicated state document it holds.</li>
 *   <li>{@code GET /admin/replica/windows}: its own shadow windows and cutover counts, which the
 *       leader merges.</li>
 * </ul>
 */
public final class ReplicaAdminRoutes {

    private final AdminJson json = new AdminJson();
    private final ReplicatedStateJson stateJson = new ReplicatedStateJson();
    private final ReplicaCoordinator replicas;
    private final Mirrors mirrors;
    private final Cutovers cutovers;

    public ReplicaAdminRoutes(ReplicaCoordinator replicas, Mirrors mirrors, Cutovers cutovers) {
        this.replicas = requireNonNull(replicas, "replicas");
        this.mirrors = requireNonNull(mirrors, "mirrors");
        this.cutovers = requireNonNull(cutovers, "cutovers");
    }

    public void mount(Router router) {
        router.get("/admin/replica").handler(ctx -> json.send(ctx, 200, status(replicas)));
        router.get("/admin/replica/state").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(stateJson.write(replicas.held()))));
        router.get("/admin/replica/windows").handler(ctx -> json.send(ctx, 200,
                PeerWindows.toJson(mirrors.windows(), cutovers.counts())));
    }

    /** The replica's status, as {@code GET /admin/replica} answers it. */
    public static Map<String, Object> status(ReplicaCoordinator replicas) {
        ReplicatedState held = replicas.held();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("version", held.version());
        state.put("leader", held.leader());
        state.put("publishedAt", held.version() == 0 ? null : held.publishedAt().toString());
        state.put("appliedAt", held.version() == 0 ? null : replicas.appliedAt().toString());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("self", replicas.self().toString());
        out.put("leader", replicas.leader().map(String::valueOf).orElse(null));
        out.put("acting", replicas.acting());
        out.put("state", state);
        out.put("detail", detail(replicas));
        if (replicas.leadership() instanceof PeerPoller poller) {
            ReplicaView view = poller.view();
            out.put("quorum", view.quorum());
            List<Map<String, Object>> peers = new ArrayList<>();
            for (PeerView peer : view.peers()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("address", peer.address().toString());
                p.put("live", peer.live());
                p.put("lastSeenMs", peer.lastSeen().map(java.time.Instant::toEpochMilli).orElse(null));
                p.put("stateVersion", peer.address().equals(view.self()) ? held.version()
                        : poller.heldBy(peer.address()).map(h -> (Object) h.version()).orElse(null));
                peers.add(p);
            }
            out.put("peers", peers);
        }
        return out;
    }

    /** One line on how this replica stands, for operators and the readiness answer. */
    public static String detail(ReplicaCoordinator replicas) {
        long version = replicas.held().version();
        if (replicas.acting()) {
            return "leads; publishes state version " + version;
        }
        if (replicas.leader().isEmpty()) {
            String live = replicas.leadership() instanceof PeerPoller poller
                    ? ": " + poller.view().live() + " of " + poller.view().peers().size() + " replicas live (a majority is "
                            + poller.view().quorum() + ")"
                    : "";
            return "no leader" + live + "; keeps the state applied at version " + version;
        }
        if (replicas.leader().get().equals(replicas.self())) {
            return "leads; catching up with a newer state before acting (holds version " + version + ")";
        }
        return "follows " + replicas.leader().get() + "; applied state version " + version;
    }
}
