package dev.shunt.backend.gpu;

import dev.shunt.vocabulary.LatencyClass;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what a batcher told it, as strings a test can compare. */
final class RecordingListener implements BatchListener {

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onBatch(int rows, int jobs, long computeNanos) {
        events.add("batch rows=" + rows + " jobs=" + jobs + " computeNanos=" + computeNanos);
    }

    @Override
    public void onExpired(LatencyClass latencyClass) {
        events.add("expired " + latencyClass);
    }

    List<String> events() {
        return List.copyOf(events);
    }
}
