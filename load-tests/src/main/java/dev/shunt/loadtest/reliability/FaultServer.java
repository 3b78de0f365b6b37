package dev.shunt.loadtest.reliability;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving v2 backend on loopback, speaking HTTP/1.1 by hand over raw TCP so that it can do what a
 * well-behaved server library would not: hang, trickle, reset or cut an answer short. Health checks
 * ({@code GET}) are always answered 200 so that the gateway keeps sending it traffic. Counts the
 * connections it holds open, to show whether the gateway leaks them. The fault can be switched while
 * it runs.
 */
final class FaultServer implements AutoCloseable {

    static final String OK_BODY = "{\"model_name\":\"mlp\",\"outputs\":[{\"name\":\"output\",\"datatype\":\"FP32\","
            + "\"shape\":[1,10],\"data\":[0,0,0,0,0,0,0,0,0,0]}]}";
    private static final String GARBAGE = "{\"model_name\":\"mlp\",\"outputs\":[{\"name\":\"output\",\"data\":[0.1,\u0000\u00ff}}";
    private static final String BINARY_HEADER = "{\"model_name\":\"mlp\",\"outputs\":[{\"name\":\"output\",\"datatype\":"
            + "\"FP32\",\"shape\":[1,10],\"parameters\":{\"binary_data_size\":40}}]}";

    private final Vertx vertx;
    private final NetServer server;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final java.util.Set<NetSocket> sockets = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Fault fault;

    private FaultServer(Vertx vertx, Fault fault) {
        this.vertx = vertx;
        this.fault = requireNonNull(fault, "fault");
        this.server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0)
                .setSoLinger(fault == Fault.RESET_MID_RESPONSE ? 0 : -1));
    }

    static FaultServer start(Vertx vertx, Fault fault) throws Exception {
        FaultServer s = new FaultServer(vertx, fault);
        s.server.connectHandler(s::connected);
        s.server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return s;
    }

    int port() {
        return server.actualPort();
    }

    /** Connections open now. */
    int openConnections() {
        return open.get();
    }

    /** Connections accepted since the start. */
    int acceptedConnections() {
        return accepted.get();
    }

    void set(Fault fault) {
        this.fault = requireNonNull(fault, "fault");
    }

    private void connected(NetSocket socket) {
        open.incrementAndGet();
        accepted.incrementAndGet();
        sockets.add(socket);
        Connection connection = new Connection(socket);
        socket.closeHandler(v -> {
            open.decrementAndGet();
            sockets.remove(socket);
            connection.stopTrickle();
        });
        socket.handler(connection.parser);
    }

    /** One client connection: request heads and bodies in turn, each answered by the current fault. */
    private final class Connection {
        final NetSocket socket;
        final RecordParser parser = RecordParser.newDelimited("\r\n\r\n");
        String method;
        long trickle = -1;

        Connection(NetSocket socket) {
            this.socket = socket;
            parser.handler(this::record);
        }

        void record(Buffer record) {
            if (method == null) {
                String head = record.toString(StandardCharsets.ISO_8859_1);
                method = head.substring(0, Math.max(0, head.indexOf(' ')));
                int length = contentLength(head);
                if (length > 0) {
                    parser.fixedSizeMode(length);
                    return;
                }
            }
            String m = method;
            method = null;
            parser.delimitedMode("\r\n\r\n");
            answer(m);
        }

        void stopTrickle() {
            if (trickle >= 0) {
                vertx.cancelTimer(trickle);
            }
        }

        void answer(String m) {
            if (!"POST".equals(m)) {
                write(socket, "200 OK", "application/json", "{\"ready\":true}");
                return;
            }
            switch (fault) {
                case OK -> write(socket, "200 OK", "application/json", OK_BODY);
                case SLOW_ANSWER -> vertx.setTimer(2000, id -> write(socket, "200 OK", "application/json", OK_BODY));
                case HANG -> { }
                case SLOW_BODY -> {
                    socket.write(head("200 OK", "application/json", 4096, ""));
                    trickle = vertx.setPeriodic(100, id -> socket.write(" "));
                }
                case RESET_MID_RESPONSE -> {
                    socket.write(head("200 OK", "application/json", 4096, "") + OK_BODY.substring(0, 40));
                    vertx.setTimer(20, id -> socket.close());
                }
                case GARBAGE_JSON -> write(socket, "200 OK", "application/json", GARBAGE);
                case TRUNCATED_BINARY -> {
                    byte[] header = BINARY_HEADER.getBytes(StandardCharsets.US_ASCII);
                    socket.write(head("200 OK", "application/octet-stream", header.length + 40,
                            "Inference-Header-Content-Length: " + header.length + "\r\n") + BINARY_HEADER
                            + "\0".repeat(12));
                    vertx.setTimer(20, id -> socket.close());
                }
                case ERROR_500 -> write(socket, "500 Internal Server Error", "application/json",
                        "{\"error\":\"the model failed (on purpose)\"}");
            }
        }
    }

    private static void write(NetSocket socket, String status, String type, String body) {
        socket.write(head(status, type, body.getBytes(StandardCharsets.ISO_8859_1).length, "") + body, "ISO-8859-1");
    }

    private static String head(String status, String type, int length, String extra) {
        return "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + length + "\r\n" + extra
                + "\r\n";
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    /** Stops listening and closes every connection: the backend is gone. */
    @Override
    public void close() throws Exception {
        sockets.forEach(NetSocket::close);
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "fault server " + fault + " on :" + port();
    }
}
