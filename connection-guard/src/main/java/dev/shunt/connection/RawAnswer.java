package dev.shunt.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** A whole HTTP/1.1 answer as bytes, written under the codec when the guard ends a connection. */
final class RawAnswer {

    private RawAnswer() {}

    static ByteBuf of(int status, String reasonPhrase, byte[] json) {
        byte[] head = ("HTTP/1.1 " + status + " " + reasonPhrase + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + json.length + "\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        return Unpooled.wrappedBuffer(head, json);
    }
}
