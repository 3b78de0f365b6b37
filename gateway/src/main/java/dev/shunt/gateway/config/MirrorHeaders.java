package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of the client's request headers a mirrored copy carries: credentials never go to staging. Either
 * every header but the credential-like ones ({@link Strip}, the default), or only those named
 * ({@link CopyOnly}). Names are compared in lower case.
 */
public sealed interface MirrorHeaders {

    /** Stripped by name whatever the config adds. */
    Set<String> DEFAULT_STRIPPED = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key",
            "api-key", "x-auth-token", "x-amz-security-token", "x-csrf-token", "x-xsrf-token");

    /** A header whose lower-case name contains one of these is stripped too. */
    List<String> DEFAULT_STRIPPED_PARTS = List.of("token", "secret", "password", "api-key", "apikey", "session",
            "credential", "signature");

    /** What a copy needs to be read as the client's request was: carried in {@link CopyOnly} mode too. */
    Set<String> ALWAYS_COPIED = Set.of("content-type", "content-encoding", "inference-header-content-length",
            "x-request-id", "x-latency-class");

    /** Whether a header of this name is copied. */
    boolean copies(String header);

    /** The default: every header but the credential-like ones. */
    static MirrorHeaders ofDefaults() {
        return new Strip(Set.of(), List.of(), Set.of());
    }

    /**
     * Every header but {@link #DEFAULT_STRIPPED} and {@code names}, and those whose name contains one of
     * {@link #DEFAULT_STRIPPED_PARTS} or {@code nameParts}; {@code keep} are copied even so.
     *
     * @param names stripped in addition to the defaults ({@code mirror.stripHeaders})
     * @param nameParts stripped when the name contains one, in addition to the defaults
     *     ({@code mirror.stripHeadersContaining})
     * @param keep copied even though stripped otherwise ({@code mirror.keepHeaders})
     */
    record Strip(Set<String> names, List<String> nameParts, Set<String> keep) implements MirrorHeaders {

        public Strip {
            Set<String> all = new TreeSet<>(DEFAULT_STRIPPED);
            all.addAll(lowerCase("stripHeaders", names));
            names = Set.copyOf(all);
            Set<String> parts = new TreeSet<>(DEFAULT_STRIPPED_PARTS);
            parts.addAll(lowerCase("stripHeadersContaining", nameParts));
            nameParts = List.copyOf(parts);
            keep = lowerCase("keepHeaders", keep);
        }

        @Override
        public boolean copies(String header) {
            String name = header.toLowerCase(Locale.ROOT);
            if (keep.contains(name)) {
                return true;
            }
            if (names.contains(name)) {
                return false;
            }
            for (String part : nameParts) {
                if (name.contains(part)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Only the headers named, and {@link #ALWAYS_COPIED} ({@code mirror.copyHeaders}).
     *
     * @param names the headers copied
     */
    record CopyOnly(Set<String> names) implements MirrorHeaders {

        public CopyOnly {
            Set<String> all = new TreeSet<>(ALWAYS_COPIED);
            all.addAll(lowerCase("copyHeaders", names));
            names = Set.copyOf(all);
        }

        @Override
        public boolean copies(String header) {
            return names.contains(header.toLowerCase(Locale.ROOT));
        }
    }

    private static Set<String> lowerCase(String field, java.util.Collection<String> names) {
        requireNonNull(names, field);
        Set<String> out = new TreeSet<>();
        int i = 0;
        for (String n : names) {
            String name = Checks.notBlank(field + "[" + i++ + "]", n).trim().toLowerCase(Locale.ROOT);
            if (name.chars().anyMatch(c -> c <= ' ' || c == ':' || c >= 127)) {
                throw new IllegalArgumentException(field + "[" + (i - 1) + "]: \"" + n
                        + "\" (expected: a header name, without spaces or ':')");
            }
            out.add(name);
        }
        return Set.copyOf(out);
    }
}
