package dev.shunt.gateway.pipeline;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids for requests that come without one: random (version 4) UUIDs drawn from the thread's
 * own generator. They join logs and mirrored pairs, they are not secrets, so the shared, locking
 * {@code SecureRandom} behind {@link UUID#randomUUID()} is not needed on the hot path.
 */
final class RequestIds {

    private RequestIds() {}

    /** The client's id when it sent a usable one (not blank, at most 128 characters), else a new one. */
    static String of(String given) {
        return given == null || given.isBlank() || given.length() > 128 ? next() : given;
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
