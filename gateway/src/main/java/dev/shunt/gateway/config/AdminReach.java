package dev.shunt.gateway.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the replicas reach each other's admin API: {@code admin.listener} when the admin API has a
 * listener of its own, else the inference listener. {@code replicas.self} and {@code replicas.peers}
 * must name that address; what a config can check of it is checked here.
 */
final class AdminReach {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private AdminReach() {}

    /** The address the admin API is bound to. */
    static PeerAddress adminAddress(ListenerConfig listener, AdminConfig admin) {
        return admin.listener().map(l -> new PeerAddress(l.host(), l.port()))
                .orElseGet(() -> new PeerAddress(listener.host(), listener.port()));
    }

    /**
     * Refuses a {@code replicas.self} whose port is not the admin API's (unless that port is 0, a free one
     * picked at start), and peers at other IP addresses while the admin API listens on loopback only.
     */
    static void checkSelf(ReplicasConfig replicas, ListenerConfig listener, AdminConfig admin) {
        PeerAddress bound = adminAddress(listener, admin);
        String where = admin.listener().isPresent() ? "admin.listener" : "listener";
        PeerAddress self = replicas.self();
        if (bound.port() != 0 && self.port() != bound.port()) {
            throw new IllegalArgumentException("replicas.self: \"" + self + "\" (expected: this replica's admin API,"
                    + " on " + where + "'s port " + bound.port() + ": the replicas call each other's admin API there)");
        }
        if (loopback(bound.host())) {
            // a host name may well be this host: only IP literals are judged
            List<PeerAddress> away = replicas.peers().stream()
                    .filter(p -> ipLiteral(p.host()) && !loopback(p.host())).toList();
            if (!away.isEmpty()) {
                throw new IllegalArgumentException(where + ".host: " + bound.host() + " (expected: an address the"
                        + " other replicas reach, since replicas.peers names " + away.get(0)
                        + "; loopback serves this host only)");
            }
        }
    }

    private static boolean ipLiteral(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    private static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }
}
