package dev.shunt.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Free loopback ports for tests that must know a gateway's port before it starts (peer lists, processes). */
final class FreePorts {

    private FreePorts() {}

    /** {@code n} distinct free ports, ascending, so the first is the lowest address of a peer list. */
    static int[] ascending(int n) {
        int[] ports = new int[n];
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // the port is what was wanted
                }
            }
        }
        Arrays.sort(ports);
        return ports;
    }

    /** One free port. */
    static int one() {
        return ascending(1)[0];
    }
}
