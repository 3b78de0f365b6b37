package dev.shunt.gateway.replicas;

import static java.util.Objects.requireNonNull;

/**
 * Which {@link ReplicatedState} a peer holds, as its heartbeat says: the version and who published it.
 *
 * @param version the version, 0 before any
 * @param leader the address of the replica that published it; empty for version 0
 */
public record HeldVersion(long version, String leader) {

    public static final HeldVersion NONE = new HeldVersion(0, "");

    public HeldVersion {
        requireNonNull(leader, "leader");
    }

    /** The version a document holds. */
    public static HeldVersion of(ReplicatedState state) {
        return new HeldVersion(state.version(), state.leader());
    }

    /** Whether a replica holding {@code held} should fetch this one (see {@link ReplicatedState#supersedes}). */
    public boolean supersedes(HeldVersion held) {
        if (version != held.version) {
            return version > held.version;
        }
        return !leader.equals(held.leader) && leader.compareTo(held.leader) < 0;
    }
}
