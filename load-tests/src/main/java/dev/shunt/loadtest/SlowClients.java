package dev.shunt.loadtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A slowloris on one thread of its own: {@code count} connections that each send a request's headers at
 * one byte a second and never finish them. A connection the server closes is counted (and whether it got
 * a 408 first) and, while the attack is on, replaced by a new one, so {@code count} stay open.
 */
final class SlowClients implements AutoCloseable {

    private static final byte[] HEADERS = ("GET /v2/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
            + "a".repeat(4000)).getBytes(StandardCharsets.US_ASCII);
    private static final long TICK_MS = 100;

    private final InetSocketAddress address;
    private final int count;
    private final List<Slow> open = new ArrayList<>();
    private final AtomicLong closedByServer = new AtomicLong();
    private final AtomicLong answered408 = new AtomicLong();
    private final AtomicLong refusedConnects = new AtomicLong();
    private final Thread thread;
    private volatile boolean replacing = true;
    private volatile boolean running = true;

    private SlowClients(int port, int count) {
        this.address = new InetSocketAddress("127.0.0.1", port);
        this.count = count;
        this.thread = new Thread(this::loop, "slowloris");
        this.thread.setDaemon(true);
    }

    /** Opens {@code count} slow connections to {@code port} and keeps them sending. */
    static SlowClients start(int port, int count) {
        SlowClients clients = new SlowClients(port, count);
        clients.thread.start();
        return clients;
    }

    long closedByServer() {
        return closedByServer.get();
    }

    long answered408() {
        return answered408.get();
    }

    long refusedConnects() {
        return refusedConnects.get();
    }

    /** From now on a closed connection is not replaced (the ones open keep sending). */
    void stopReplacing() {
        replacing = false;
    }

    private void loop() {
        long tick = 0;
        ByteBuffer read = ByteBuffer.allocate(1024);
        while (running) {
            if (replacing) {
                while (open.size() < count && running) {
                    try {
                        SocketChannel channel = SocketChannel.open(address);
                        channel.configureBlocking(false);
                        open.add(new Slow(channel));
                    } catch (IOException e) {
                        refusedConnects.incrementAndGet();
                        break;
                    }
                }
            }
            // each connection sends one byte a second: a tenth of them every tick
            for (int i = 0; i < open.size(); i++) {
                Slow slow = open.get(i);
                if (slow.closed) {
                    continue;
                }
                try {
                    read.clear();
                    int n = slow.channel.read(read);
                    if (n > 0 && new String(read.array(), 0, n, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 408")) {
                        slow.got408 = true;
                    }
                    if (n < 0) {
                        serverClosed(slow);
                        continue;
                    }
                    if (i % 10 == tick % 10 && slow.sent < HEADERS.length) {
                        slow.channel.write(ByteBuffer.wrap(HEADERS, slow.sent, 1));
                        slow.sent++;
                    }
                } catch (IOException e) {
                    serverClosed(slow);
                }
            }
            open.removeIf(s -> s.closed);
            tick++;
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
        for (Slow slow : open) {
            closeQuietly(slow);
        }
    }

    private void serverClosed(Slow slow) {
        closedByServer.incrementAndGet();
        if (slow.got408) {
            answered408.incrementAndGet();
        }
        closeQuietly(slow);
    }

    private static void closeQuietly(Slow slow) {
        slow.closed = true;
        try {
            slow.channel.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** Stops sending and closes every connection. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }

    private static final class Slow {
        final SocketChannel channel;
        int sent;
        boolean got408;
        boolean closed;

        Slow(SocketChannel channel) {
            this.channel = channel;
        }
    }
}
