package dev.shunt.gateway.replicas;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shunt.gateway.config.PeerAddress;
import dev.shunt.gateway.cutover.StepCounts;
import dev.shunt.gateway.shadow.ShadowWindow;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's collection of the other replicas' windows: {@link #refresh} asks every peer for its
 * {@code GET /admin/replica/windows} (one call per peer out at a time), and the last answer of each
 * counts while it is at most {@code maxAge} old and the peer is still in the directory. A replica
 * that stopped answering so drops out of the merged report within {@code maxAge}.
 */
public final class WindowExchange {

    private static final Logger log = LoggerFactory.getLogger(WindowExchange.class);

    static final String PATH = "/admin/replica/windows";

    private final PeerDirectory directory;
    private final PeerClient client;
    private final Clock clock;
    private final Duration maxAge;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<PeerAddress, PeerWindows> latest = new ConcurrentHashMap<>();
    private final Set<PeerAddress> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<PeerAddress> warned = ConcurrentHashMap.newKeySet();

    public WindowExchange(PeerDirectory directory, PeerClient client, Clock clock, Duration maxAge) {
        this.directory = requireNonNull(directory, "directory");
        this.client = requireNonNull(client, "client");
        this.clock = requireNonNull(clock, "clock");
        this.maxAge = requireNonNull(maxAge, "maxAge");
    }

    /** Asks every other replica for its windows; answers arrive later, for the next merge. */
    public void refresh(PeerAddress self) {
        List<PeerAddress> peers = directory.peers();
        latest.keySet().retainAll(peers);
        for (PeerAddress peer : peers) {
            if (!peer.equals(self) && inFlight.add(peer)) {
                client.get(peer, PATH).onComplete(ar -> {
                    inFlight.remove(peer);
                    if (ar.succeeded() && ar.result().statusCode() == 200) {
                        try {
                            latest.put(peer, PeerWindows.fromJson(json.readTree(ar.result().bodyAsString()), clock.instant()));
                            warned.remove(peer);
                        } catch (IOException | IllegalArgumentException e) {
                            if (warned.add(peer)) {
                                log.warn("replicas: {} sent windows this replica cannot read: {}", peer, e.getMessage());
                            }
                        }
                    }
                });
            }
        }
    }

    /** The other replicas' shadow windows of a route. */
    public List<ShadowWindow> shadow(String route) {
        return fresh(w -> w.shadow().get(route));
    }

    /** The other replicas' candidate counts of a route's cutover. */
    public List<StepCounts> cutover(String route) {
        return fresh(w -> w.cutover().get(route));
    }

    /** How many other replicas' windows count now. */
    public int freshPeers() {
        return fresh(w -> w).size();
    }

    private <T> List<T> fresh(Function<PeerWindows, T> part) {
        Instant oldest = clock.instant().minus(maxAge);
        List<T> out = new ArrayList<>();
        for (PeerWindows w : latest.values()) {
            T value = w.at().isBefore(oldest) ? null : part.apply(w);
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    /** Forgets every peer's windows (this replica stopped leading). */
    public void clear() {
        latest.clear();
    }
}
