package dev.shunt.gateway.shadow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One route's rolling window: a ring of time buckets, each a {@link Tally}, plus its last few
 * mismatches. A bucket is created on first use and reused once its time has passed, so memory stays
 * within {@code buckets} tallies. A sample counts until its bucket falls out of the ring: between
 * {@code window} and {@code window + bucket width} after it was recorded. Thread-safe (one lock).
 */
final class RouteWindow {

    static final Duration BUCKET = Duration.ofSeconds(10);
    static final int MAX_BUCKETS = 360;
    static final int MAX_MISMATCHES = 10;
    private static final int MAX_ID_LENGTH = 128;

    private final long bucketMillis;
    private final Tally[] tallies;
    private final long[] epochs;
    private final ArrayDeque<Mismatch> mismatches = new ArrayDeque<>(MAX_MISMATCHES);

    RouteWindow(Duration window) {
        long windowMillis = Math.max(1, window.toMillis());
        int buckets = (int) Math.min(MAX_BUCKETS, Math.max(1, ceilDiv(windowMillis, BUCKET.toMillis())));
        this.bucketMillis = ceilDiv(windowMillis, buckets);
        this.tallies = new Tally[buckets];
        this.epochs = new long[buckets];
    }

    synchronized void record(Instant now, String requestId, Comparison c) {
        tallyAt(now).add(c);
        if (c.agrees()) {
            return;
        }
        if (mismatches.size() == MAX_MISMATCHES) {
            mismatches.removeLast();
        }
        String id = requestId.length() <= MAX_ID_LENGTH ? requestId : requestId.substring(0, MAX_ID_LENGTH);
        mismatches.addFirst(new Mismatch(id, c.reason(), now.toString()));
    }

    synchronized void recordNoise(Instant now, Comparison c) {
        tallyAt(now).addNoise(c);
    }

    /** The window's comparisons as of {@code now}, merged into a new tally. */
    synchronized Tally total(Instant now) {
        long epoch = epochOf(now);
        Tally total = new Tally();
        for (int i = 0; i < tallies.length; i++) {
            if (tallies[i] != null && live(epochs[i], epoch)) {
                total.addAll(tallies[i]);
            }
        }
        return total;
    }

    /** The last mismatches, newest first. */
    synchronized List<Mismatch> mismatches() {
        return List.copyOf(new ArrayList<>(mismatches));
    }

    private Tally tallyAt(Instant now) {
        long epoch = epochOf(now);
        int slot = (int) Math.floorMod(epoch, (long) tallies.length);
        if (tallies[slot] == null) {
            tallies[slot] = new Tally();
        } else if (epochs[slot] != epoch) {
            tallies[slot].reset();
        }
        epochs[slot] = epoch;
        return tallies[slot];
    }

    private boolean live(long bucketEpoch, long nowEpoch) {
        return bucketEpoch <= nowEpoch && nowEpoch - bucketEpoch < tallies.length;
    }

    private long epochOf(Instant now) {
        return Math.floorDiv(now.toEpochMilli(), bucketMillis);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
