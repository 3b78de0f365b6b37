package dev.shunt.gateway.pool;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.BackendAddress;
import dev.shunt.gateway.config.DnsDiscovery;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a pool's backends by resolving a DNS name (a Kubernetes headless Service answers with one
 * address per ready pod) with the system resolver, off the event loop, again every refresh. A failed
 * lookup keeps the last known backends.
 */
public final class DnsDiscoverer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DnsDiscoverer.class);

    private final Vertx vertx;
    private final Pool pool;
    private final DnsDiscovery dns;
    private final Consumer<List<BackendState>> onAdded;
    private long timer = -1;

    public DnsDiscoverer(Vertx vertx, Pool pool, DnsDiscovery dns, Consumer<List<BackendState>> onAdded) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.pool = requireNonNull(pool, "pool");
        this.dns = requireNonNull(dns, "dns");
        this.onAdded = requireNonNull(onAdded, "onAdded");
    }

    /** Resolves now, then every refresh. */
    public void start() {
        resolve();
        timer = vertx.setPeriodic(dns.refresh().toMillis(), id -> resolve());
    }

    private void resolve() {
        vertx.executeBlocking(() -> InetAddress.getAllByName(dns.name()), false).onComplete(ar -> {
            if (ar.failed()) {
                log.warn("pool {}: cannot resolve {} ({}); keeping {} backend(s)", pool.name(), dns.name(),
                        ar.cause() instanceof UnknownHostException ? "unknown host" : ar.cause().getMessage(),
                        pool.backends().size());
                return;
            }
            LinkedHashSet<String> hosts = new LinkedHashSet<>();
            for (InetAddress address : ar.result()) {
                hosts.add(address.getHostAddress());
            }
            List<BackendAddress> addresses = new ArrayList<>();
            for (String host : hosts) {
                addresses.add(new BackendAddress(host, dns.port(), 1));
            }
            List<BackendState> added = pool.updateAddresses(addresses);
            if (!added.isEmpty()) {
                log.info("pool {}: {} resolves to {}", pool.name(), dns.name(), hosts);
                onAdded.accept(added);
            }
        });
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
