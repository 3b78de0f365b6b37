package dev.shunt.gateway.pool;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.BackendAddress;
import dev.shunt.gateway.config.DnsDiscovery;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a pool's backends in DNS (a Kubernetes headless Service answers with one address per ready pod;
 * SRV records add a port each) and looks again when the answer's TTL runs out, within the discovery's
 * {@code minRefresh}..{@code refresh}. Backends that stay keep their live state. A failed lookup keeps
 * the last known backends and is tried again after {@code minRefresh}; each change (of the backends, or
 * of why lookups fail) is logged once.
 */
public final class DnsDiscoverer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DnsDiscoverer.class);

    private final Vertx vertx;
    private final Pool pool;
    private final DnsDiscovery dns;
    private final Consumer<List<BackendState>> onAdded;
    private DnsLookup lookup;
    private Context context;
    private volatile boolean closed;
    private volatile long timer = -1;
    private List<BackendAddress> known = List.of();
    private String failing;

    public DnsDiscoverer(Vertx vertx, Pool pool, DnsDiscovery dns, Consumer<List<BackendState>> onAdded) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.pool = requireNonNull(pool, "pool");
        this.dns = requireNonNull(dns, "dns");
        this.onAdded = requireNonNull(onAdded, "onAdded");
    }

    /** Looks up now, then again as each answer's TTL says. */
    public synchronized void start() {
        if (lookup != null || closed) {
            return;
        }
        lookup = new DnsLookup(dns, "shunt-dns-" + pool.name());
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> lookUp());
    }

    private void lookUp() {
        if (closed) {
            return;
        }
        lookup.lookup().whenComplete((answer, failure) -> context.runOnContext(v -> {
            if (closed) {
                return;
            }
            Duration next = failure == null ? apply(answer) : failed(failure);
            timer = vertx.setTimer(Math.max(1, next.toMillis()), id -> lookUp());
        }));
    }

    /** Takes the answer's backends; returns when to look again. */
    private Duration apply(DnsAnswer answer) {
        Duration next = dns.refreshAfter(answer.ttl());
        if (failing != null) {
            log.info("pool {}: DNS lookup of {} works again", pool.name(), dns.name());
            failing = null;
        }
        List<BackendState> added = pool.updateAddresses(answer.backends());
        boolean changed = !answer.backends().equals(known);
        if (changed) {
            known = answer.backends();
            log.info("pool {}: {} gives {} backend(s) {} (TTL {} s, next lookup in {} ms)", pool.name(), dns.name(),
                    known.size(), known.stream().map(BackendAddress::id).toList(), answer.ttl().toSeconds(), next.toMillis());
        }
        if (changed || !added.isEmpty()) {
            onAdded.accept(added); // also when backends left: their meters go
        }
        return next;
    }

    /** Keeps the backends; returns when to try again. */
    private Duration failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String why = cause instanceof DnsLookupException ? cause.getMessage() : cause.toString();
        if (!why.equals(failing)) {
            failing = why;
            log.warn("pool {}: DNS lookup of {} failed ({}); keeping its {} backend(s), trying again every {} ms",
                    pool.name(), dns.name(), why, pool.backends().size(), dns.minRefresh().toMillis());
        }
        return dns.minRefresh();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (lookup != null) {
            lookup.close();
        }
    }
}
