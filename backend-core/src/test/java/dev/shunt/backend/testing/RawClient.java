package dev.shunt.backend.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain socket to the server under test: writes bytes as told, reads what comes back with a bounded wait. */
public final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closedByServer;

    public RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(50);
    }

    /** Writes {@code text}; false when the server has closed the connection (the write failed). */
    public boolean send(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads what has arrived (waiting at most 50 ms); true once the server has closed (end of stream or reset). */
    public boolean closedByServer() {
        if (closedByServer) {
            return true;
        }
        try {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[4096];
            int n = in.read(buf);
            if (n < 0) {
                closedByServer = true;
            } else {
                received.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            closedByServer = true; // reset
        }
        return closedByServer;
    }

    /** All bytes the server sent so far. */
    public String received() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
