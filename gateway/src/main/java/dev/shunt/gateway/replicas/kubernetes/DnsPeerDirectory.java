package dev.shunt.gateway.replicas.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.PeerAddress;
import dev.shunt.gateway.replicas.PeerDirectory;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas behind a headless Service's DNS name: every address of its A (and AAAA) records on
 * {@code port}, looked up every {@code refresh} on a thread of its own (one lookup at a time), this
 * replica always included in place of its own record. A failed lookup keeps the last good answer.
 * Lookups go through the JVM's resolver and its cache ({@code networkaddress.cache.ttl}, 30 s by default).
 */
public final class DnsPeerDirectory implements PeerDirectory {

    /** Looks a name up: every address, as text. */
    @FunctionalInterface
    public interface Resolver {
        List<String> addresses(String name) throws IOException;

        /** The JVM's resolver. */
        static Resolver system() {
            return name -> {
                List<String> hosts = new ArrayList<>();
                for (InetAddress address : InetAddress.getAllByName(name)) {
                    hosts.add(address.getHostAddress());
                }
                return hosts;
            };
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DnsPeerDirectory.class);

    private final String name;
    private final int port;
    private final PeerAddress self;
    private final Duration refresh;
    private final Resolver resolver;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shunt-replicas-dns");
        t.setDaemon(true);
        return t;
    });
    private volatile List<PeerAddress> peers;
    private volatile boolean failing;

    public DnsPeerDirectory(String name, int port, PeerAddress self, Duration refresh, Resolver resolver) {
        this.name = requireNonNull(name, "name");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
        this.port = port;
        this.self = requireNonNull(self, "self");
        this.refresh = requireNonNull(refresh, "refresh");
        if (refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("refresh: " + refresh + " (expected: > 0)");
        }
        this.resolver = requireNonNull(resolver, "resolver");
        this.peers = List.of(self);
    }

    @Override
    public void start() {
        executor.scheduleWithFixedDelay(this::lookUp, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void lookUp() {
        List<String> hosts;
        try {
            hosts = resolver.addresses(name);
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("replicas: {} cannot be looked up ({}); keeping {}", name, e.toString(), peers);
            }
            return;
        }
        failing = false;
        TreeSet<PeerAddress> found = new TreeSet<>();
        found.add(self);
        for (String host : hosts) {
            if (!host.equals(self.host())) {
                found.add(new PeerAddress(host, port));
            }
        }
        List<PeerAddress> now = List.copyOf(found);
        if (!now.equals(peers)) {
            log.info("replicas: {} is now {}", name, now);
            peers = now;
        }
    }

    @Override
    public List<PeerAddress> peers() {
        return peers;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
