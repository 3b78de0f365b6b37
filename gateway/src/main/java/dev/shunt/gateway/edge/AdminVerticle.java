package dev.shunt.gateway.edge;

import static java.util.Objects.requireNonNull;

import dev.shunt.connection.ConnectionGuard;
import dev.shunt.connection.ConnectionLimits;
import dev.shunt.gateway.config.AdminListenerConfig;
import dev.shunt.gateway.error.ErrorResponses;
import dev.shunt.protocol.ErrorBody;
import dev.shunt.protocol.InferenceCodec;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.function.Consumer;

/**
 * The admin listener ({@code admin.listener}): the admin API, {@code /metrics} and health on an address of
 * their own (loopback, or a port only the cluster reaches), so the inference listener does not show the
 * topology. One instance: operator traffic is light. Stopping it closes the listener at once.
 *
 * <p>It has a connection guard of its own: the inference listener's header, body and idle timeouts, and
 * at most {@value #MAX_CONNECTIONS} connections, counted apart from the inference listener's, so a flood
 * of slow clients there cannot lock operators and peers out here (its closes count in the same
 * {@code shunt_connections_closed_total}).
 */
public final class AdminVerticle extends VerticleBase {

    /** The most connections the admin listener keeps open: operators, Prometheus and the peer replicas. */
    static final int MAX_CONNECTIONS = 256;

    private final EdgeParts parts;
    private final AdminListenerConfig listener;
    private final Consumer<Integer> bound;
    private HttpServer server;

    /** @param bound told of the port the listener got */
    public AdminVerticle(EdgeParts parts, AdminListenerConfig listener, Consumer<Integer> bound) {
        this.parts = requireNonNull(parts, "parts");
        this.listener = requireNonNull(listener, "listener");
        this.bound = requireNonNull(bound, "bound");
    }

    @Override
    public Future<?> start() {
        InferenceCodec codec = new InferenceCodec();
        ConnectionLimits main = parts.config().get().listener().connectionLimits();
        ConnectionGuard guard = new ConnectionGuard(new ConnectionLimits(main.headerTimeout(), main.bodyTimeout(),
                main.idleTimeout(), Math.min(MAX_CONNECTIONS, main.maxConnections())),
                message -> codec.encodeJson(new ErrorBody(message)), parts.metrics()::connectionClosed);
        return vertx.createHttpServer(new HttpServerOptions().setHost(listener.host()).setPort(listener.port())
                        .setTcpNoDelay(true).setHttp2ClearTextEnabled(false))
                .connectionHandler(guard)
                .requestHandler(new ServiceRoutes(parts, new ErrorResponses(codec), codec).adminRouter(vertx))
                .listen().onSuccess(s -> {
                    server = s;
                    bound.accept(s.actualPort());
                });
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
