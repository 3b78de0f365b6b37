package dev.shunt.backend.http;

import dev.shunt.backend.error.QueueFullException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A few threads that decode large request bodies off the event loop, behind a bounded queue: when
 * it is full the request is answered 503, never queued without bound.
 */
final class DecoderPool implements AutoCloseable {

    private final ThreadPoolExecutor executor;
    private final int capacity;

    DecoderPool(int threads, int capacity) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: > 0)");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        AtomicInteger count = new AtomicInteger();
        this.capacity = capacity;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity), r -> {
                    Thread t = new Thread(r, "shunt-decoder-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code work} on a decoder thread; a full queue fails the future with {@link QueueFullException}. */
    <T> CompletableFuture<T> submit(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new QueueFullException(executor.getQueue().size(), capacity));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
