package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * A gateway replica's address, {@code host:port}, as its peers reach its admin API. Addresses are
 * ordered by host text (as written, compared character by character), then by port as a number:
 * {@code 127.0.0.1:900} comes before {@code 127.0.0.1:8000}, and {@code 10.0.0.2:1} before
 * {@code 10.0.0.10:1} only because the texts compare so; the lowest live one leads.
 *
 * @param host a host name or IP literal, as written
 * @param port 0..65535 (0 only for a single replica whose listener takes a free port)
 */
public record PeerAddress(String host, int port) implements Comparable<PeerAddress> {

    private static final Comparator<PeerAddress> ORDER =
            Comparator.comparing(PeerAddress::host).thenComparingInt(PeerAddress::port);

    public PeerAddress {
        requireNonNull(host, "host");
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("host: \"" + host + "\" (expected: a host name or IP without spaces)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
    }

    /**
     * Parses {@code host:port} with a port of 1..65535; the message names {@code path} and the text.
     */
    public static PeerAddress parse(String path, String text) {
        requireNonNull(text, "text");
        String expected = path + ": \"" + text + "\" (expected: host:port with a port of 1..65535)";
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(expected);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected);
        }
        String host = text.substring(0, colon);
        if (port < 1 || port > 65535 || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(expected);
        }
        return new PeerAddress(host, port);
    }

    @Override
    public int compareTo(PeerAddress other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
