package dev.shunt.loadtest.reliability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway ports a load spreads over, round-robin; a port taken out gets no new request (what a
 * load balancer does before a gateway is drained), one put back gets its share again.
 */
final class Targets {

    private final List<Integer> ports = new CopyOnWriteArrayList<>();
    private final AtomicLong next = new AtomicLong();

    Targets(List<Integer> ports) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("ports: empty (expected: at least one)");
        }
        this.ports.addAll(ports);
    }

    static Targets of(int... ports) {
        return new Targets(java.util.Arrays.stream(ports).boxed().toList());
    }

    /** The port of the next request; -1 when every port is out. */
    int next() {
        List<Integer> now = List.copyOf(ports);
        return now.isEmpty() ? -1 : now.get((int) Math.floorMod(next.getAndIncrement(), (long) now.size()));
    }

    void remove(int port) {
        ports.remove(Integer.valueOf(port));
    }

    void add(int port) {
        if (!ports.contains(port)) {
            ports.add(port);
        }
    }
}
