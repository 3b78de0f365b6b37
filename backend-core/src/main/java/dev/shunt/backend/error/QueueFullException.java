package dev.shunt.backend.error;

/** The scheduler's queue is full; the client should retry later (503 with Retry-After). */
public final class QueueFullException extends BackendException {

    public QueueFullException(int depth, int capacity) {
        super(String.format("queue full: %d jobs waiting (capacity %d)", depth, capacity));
    }
}
