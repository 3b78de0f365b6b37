package dev.shunt.gateway.replicas;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.cutover.CutoverRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The state the leader of a gateway's replicas publishes and every replica applies: each route's
 * cutover. Versions only grow: a replica applies a document only when its version is higher than the
 * one it holds (or equal with a lower leader, see {@link #supersedes}), so a stale or repeated
 * document changes nothing.
 *
 * @param version 0 for the empty state no leader has published yet; each publication adds one
 * @param leader the address ({@code host:port}) of the replica that published it; empty for version 0
 * @param publishedAt when it was published
 * @param cutovers one record per route, no route twice
 */
public record ReplicatedState(long version, String leader, Instant publishedAt, List<CutoverRecord> cutovers) {

    /** Before any leader published anything. */
    public static final ReplicatedState EMPTY = new ReplicatedState(0, "", Instant.EPOCH, List.of());

    public ReplicatedState {
        if (version < 0) {
            throw new IllegalArgumentException("version: " + version + " (expected: >= 0)");
        }
        requireNonNull(leader, "leader");
        requireNonNull(publishedAt, "publishedAt");
        cutovers = List.copyOf(requireNonNull(cutovers, "cutovers"));
        Set<String> routes = new HashSet<>();
        for (CutoverRecord c : cutovers) {
            if (!routes.add(c.route())) {
                throw new IllegalArgumentException("cutovers: route \"" + c.route() + "\" twice (expected: one record per route)");
            }
        }
    }

    /**
     * Whether a replica holding {@code held} should apply this one instead: a higher version, or the
     * same version from a leader whose address sorts lower (two replicas that both believed they led
     * for a moment settle on the same document everywhere).
     */
    public boolean supersedes(ReplicatedState held) {
        requireNonNull(held, "held");
        return HeldVersion.of(this).supersedes(HeldVersion.of(held));
    }

    /** The next version, published by {@code by} at {@code at} with these cutovers. */
    public ReplicatedState next(String by, Instant at, List<CutoverRecord> records) {
        return new ReplicatedState(version + 1, by, at, records);
    }
}
