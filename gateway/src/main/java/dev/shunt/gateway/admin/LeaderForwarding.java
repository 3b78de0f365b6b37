package dev.shunt.gateway.admin;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.PeerAddress;
import dev.shunt.gateway.replicas.PeerClient;
import dev.shunt.gateway.replicas.ReplicaCoordinator;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a follower's cutover and shadow admin calls to the leader, so the answer is the same whichever
 * replica is asked: the leader's answer is relayed as it came (status, body), with
 * {@value #ANSWERED_BY} naming the replica that answered. A call this replica answers itself (it
 * leads, it is alone, or the call was forwarded to it) passes on to the next handler. Without a
 * leader, or when the leader does not answer, a read is answered from this replica's own state with
 * {@value #STALE} saying why, and a change is refused with 503 and {@code Retry-After}.
 */
final class LeaderForwarding {

    static final String ANSWERED_BY = "X-Shunt-Answered-By";
    static final String STALE = "X-Shunt-Replica-Stale";

    private final ReplicaCoordinator replicas;
    private final PeerClient client;
    private final AdminJson json = new AdminJson();

    LeaderForwarding(ReplicaCoordinator replicas, PeerClient client) {
        this.replicas = requireNonNull(replicas, "replicas");
        this.client = requireNonNull(client, "client");
    }

    void handle(RoutingContext ctx) {
        boolean change = ctx.request().method() != HttpMethod.GET;
        if (!replicas.replicated() || ctx.request().getHeader(PeerClient.FORWARDED_BY) != null || replicas.acting()) {
            answerHere(ctx);
            return;
        }
        Optional<PeerAddress> leader = replicas.leader();
        if (leader.isEmpty() || leader.get().equals(replicas.self())) {
            String why = leader.isEmpty() ? "no replica leads now" : "this replica leads but is catching up with a newer state";
            unreachable(ctx, change, why);
            return;
        }
        Map<String, String> headers = new HashMap<>();
        headers.put(PeerClient.FORWARDED_BY, replicas.self().toString());
        String type = ctx.request().getHeader("Content-Type");
        if (type != null) {
            headers.put("Content-Type", type);
        }
        client.send(ctx.request().method(), leader.get(), ctx.request().uri(), headers,
                change && ctx.body().buffer() != null ? ctx.body().buffer() : null).onComplete(ar -> {
                    if (ctx.response().ended() || ctx.response().closed()) {
                        return;
                    }
                    if (ar.failed()) {
                        unreachable(ctx, change, "the leader " + leader.get() + " did not answer (" + ar.cause().getMessage() + ")");
                        return;
                    }
                    var answer = ar.result();
                    String answerType = answer.getHeader("Content-Type");
                    if (answerType != null) {
                        ctx.response().putHeader("Content-Type", answerType);
                    }
                    ctx.response().putHeader(ANSWERED_BY, String.valueOf(answer.getHeader(ANSWERED_BY)))
                            .setStatusCode(answer.statusCode());
                    if (answer.body() == null) {
                        ctx.response().end();
                    } else {
                        ctx.response().end(answer.body());
                    }
                });
    }

    private void answerHere(RoutingContext ctx) {
        ctx.response().putHeader(ANSWERED_BY, replicas.self().toString());
        ctx.next();
    }

    private void unreachable(RoutingContext ctx, boolean change, String why) {
        if (change) {
            ctx.response().putHeader("Retry-After", "1").putHeader(ANSWERED_BY, replicas.self().toString());
            json.send(ctx, 503, Map.of("error", why + "; cutover changes wait for a leader (this replica keeps state version "
                    + replicas.held().version() + ")"));
            return;
        }
        ctx.response().putHeader(STALE, why + "; answered from this replica's state version " + replicas.held().version());
        answerHere(ctx);
    }
}
