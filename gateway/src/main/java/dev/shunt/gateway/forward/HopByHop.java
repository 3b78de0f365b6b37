package dev.shunt.gateway.forward;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Headers that belong to one connection (RFC 9110 section 7.6.1) or that the HTTP client sets itself:
 * never copied from the client's request to a backend's.
 */
public final class HopByHop {

    private static final Set<String> NAMES = names();

    private HopByHop() {}

    /** Whether {@code header} (any case) is one of them. */
    public static boolean is(String header) {
        return NAMES.contains(header);
    }

    private static Set<String> names() {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(List.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer",
                "upgrade", "host", "content-length"));
        return java.util.Collections.unmodifiableSet(names);
    }
}
