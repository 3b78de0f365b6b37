package dev.shunt.gateway;

import io.vertx.core.transport.Transport;
import java.util.Locale;

/**
 * The network transport the gateway's Vert.x runs on ({@code --transport}): {@code epoll} (Netty's
 * native epoll, the default on Linux), {@code io_uring} (Netty's io_uring: reads and writes of many
 * connections submitted in one system call), or {@code nio} (the JDK's, everywhere).
 */
enum TransportChoice {
    EPOLL,
    IO_URING,
    NIO;

    /** Parses {@code epoll}, {@code io_uring} (or {@code io-uring}) or {@code nio}, any case. */
    static TransportChoice parse(String text) {
        for (TransportChoice c : values()) {
            if (c.name().equalsIgnoreCase(text.trim().replace('-', '_'))) {
                return c;
            }
        }
        throw new IllegalArgumentException("--transport: \"" + text + "\" (expected: epoll, io_uring or nio)");
    }

    /** The Vert.x transport; fails with the reason when this one cannot run here. */
    Transport transport() {
        Transport t = switch (this) {
            case EPOLL -> Transport.EPOLL;
            case IO_URING -> Transport.IO_URING;
            case NIO -> Transport.NIO;
        };
        if (t == null) {
            throw new IllegalStateException("--transport " + label() + ": its Netty library is not on the class path");
        }
        if (!t.available()) {
            throw new IllegalStateException("--transport " + label() + ": unavailable here ("
                    + t.unavailabilityCause() + ")");
        }
        return t;
    }

    /** The flag's value. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
