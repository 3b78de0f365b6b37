package dev.shunt.loadtest.sim;

import java.util.PriorityQueue;

/**
 * The simulation's agenda: actions at simulated times, run in time order, ties in the order they were
 * scheduled (so a run is reproducible). Running an action moves the clock to its time.
 */
final class EventQueue {

    private record Event(long at, long seq, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final SimClock clock;
    private long seq;
    private long processed;

    EventQueue(SimClock clock) {
        this.clock = clock;
    }

    SimClock clock() {
        return clock;
    }

    long now() {
        return clock.nanos();
    }

    /** Runs {@code action} at {@code at} (not before now). */
    void at(long at, Runnable action) {
        events.add(new Event(Math.max(at, clock.nanos()), seq++, action));
    }

    /** Runs every action until none is left. */
    void runAll() {
        Event e;
        while ((e = events.poll()) != null) {
            clock.advanceTo(e.at());
            processed++;
            e.action().run();
        }
    }

    /** Actions run so far. */
    long processed() {
        return processed;
    }
}
