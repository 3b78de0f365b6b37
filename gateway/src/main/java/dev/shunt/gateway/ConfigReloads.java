package dev.shunt.gateway;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.admin.AdminAuth;
import dev.shunt.gateway.config.GatewayConfig;
import dev.shunt.gateway.config.ReloadCheck;
import dev.shunt.gateway.config.RouteConfig;
import dev.shunt.gateway.cutover.Cutovers;
import dev.shunt.gateway.metrics.GatewayMetrics;
import dev.shunt.gateway.mirror.Mirrors;
import dev.shunt.gateway.pool.LivePools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a new config whole or refuses it whole (the running one stays): read off the event loop,
 * checked against the config in force ({@link ReloadCheck}), then pools, admin token and routes swapped.
 * Cutovers and shadow reports belong to the gateway, not to the config: they outlive a reload.
 */
final class ConfigReloads implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigReloads.class);

    private final Vertx vertx;
    private final ConfigSource source;
    private final Function<String, String> env;
    private final AtomicReference<GatewayConfig> config;
    private final AtomicReference<AdminAuth> auth;
    private final LivePools pools;
    private final Mirrors mirrors;
    private final Cutovers cutovers;
    private final GatewayMetrics metrics;
    private final java.util.function.BooleanSupplier judgesCutovers;
    private long watcher = -1;

    ConfigReloads(Vertx vertx, ConfigSource source, Function<String, String> env,
            AtomicReference<GatewayConfig> config, AtomicReference<AdminAuth> auth, LivePools pools, Mirrors mirrors,
            Cutovers cutovers, GatewayMetrics metrics, java.util.function.BooleanSupplier judgesCutovers) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.source = requireNonNull(source, "source");
        this.env = requireNonNull(env, "env");
        this.config = requireNonNull(config, "config");
        this.auth = requireNonNull(auth, "auth");
        this.pools = requireNonNull(pools, "pools");
        this.mirrors = requireNonNull(mirrors, "mirrors");
        this.cutovers = requireNonNull(cutovers, "cutovers");
        this.metrics = requireNonNull(metrics, "metrics");
        this.judgesCutovers = requireNonNull(judgesCutovers, "judgesCutovers");
    }

    /** Reads the config again and applies it; the future gives null when applied, else why it was refused. */
    Future<String> reload() {
        return vertx.executeBlocking(source::load, false).map(next -> apply(next)).recover(e -> {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            log.warn("new config refused, the running one stays: {}", why);
            return Future.succeededFuture(why);
        });
    }

    private synchronized String apply(GatewayConfig next) {
        GatewayConfig current = config.get();
        if (ReloadCheck.of(current, next, env) instanceof ReloadCheck.Refuse refuse) {
            log.warn("new config refused, the running one stays: {}", refuse.message());
            return refuse.message();
        }
        AdminAuth nextAuth = AdminAuth.of(next.admin(), env);
        pools.apply(next.pools());
        auth.set(nextAuth);
        config.set(next);
        if (judgesCutovers.getAsBoolean()) { // a follower takes its cutovers from the leader's state
            cutovers.retainRoutes(next.routes().stream().map(RouteConfig::name).collect(Collectors.toSet()));
        }
        Set<String> mirrored = next.routes().stream().filter(r -> r.mirror().isPresent()).map(RouteConfig::name)
                .collect(Collectors.toSet());
        mirrors.retainRoutes(mirrored);
        bindRouteMetrics(metrics, next, mirrors, cutovers);
        log.info("config reloaded: pools {}, routes {}", pools.get().keySet(), next.routes().size());
        return null;
    }

    /** Shadow figures for every mirrored route, cutover weight for every route with a cutover plan. */
    static void bindRouteMetrics(GatewayMetrics metrics, GatewayConfig config, Mirrors mirrors, Cutovers cutovers) {
        for (RouteConfig route : config.routes()) {
            if (route.mirror().isPresent()) {
                metrics.bindShadow(route.name(), mirrors::snapshot);
            }
            if (route.cutover().isPresent()) {
                metrics.bindCutover(route.name(), cutovers::get);
            }
        }
    }

    /** Reloads when the file's modification time changes (checked every {@code period}). */
    void watch(Path file, Duration period) {
        AtomicReference<FileTime> seen = new AtomicReference<>(modified(file));
        watcher = vertx.setPeriodic(period.toMillis(), id -> vertx.executeBlocking(() -> modified(file), false)
                .onSuccess(time -> {
                    if (time != null && !time.equals(seen.get())) {
                        seen.set(time);
                        log.info("{} changed: reloading", file);
                        reload();
                    }
                }));
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (watcher >= 0) {
            vertx.cancelTimer(watcher);
        }
    }
}
