package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The DNS server discovery asks, by IP address (a name would need a resolver of its own).
 *
 * @param address the server's IP address
 * @param port its port, 53 unless given
 */
public record DnsServer(InetAddress address, int port) {

    private static final String EXPECTED = "(expected: an IP address with an optional port, such as 10.96.0.10,"
            + " 10.96.0.10:53 or [fd00::a]:53)";

    public DnsServer {
        requireNonNull(address, "address");
        Checks.between("port", port, 1, 65535);
    }

    /** Where queries go. */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /**
     * Parses {@code 10.96.0.10}, {@code 10.96.0.10:53}, {@code fd00::a} or {@code [fd00::a]:53}, without a
     * lookup.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static DnsServer parse(String text) {
        String spec = text.trim();
        String host = spec;
        String port = null;
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close < 0 || (close < spec.length() - 1 && spec.charAt(close + 1) != ':')) {
                throw new IllegalArgumentException("\"" + text + "\" " + EXPECTED);
            }
            host = spec.substring(1, close);
            port = close < spec.length() - 1 ? spec.substring(close + 2) : null;
        } else if (spec.indexOf(':') == spec.lastIndexOf(':') && spec.indexOf(':') >= 0) {
            host = spec.substring(0, spec.indexOf(':'));
            port = spec.substring(spec.indexOf(':') + 1);
        }
        InetAddress address = literal(host);
        if (address == null) {
            throw new IllegalArgumentException("\"" + text + "\" " + EXPECTED);
        }
        if (port == null) {
            return new DnsServer(address, 53);
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\": port \"" + port + "\" is not a number");
        }
        if (number < 1 || number > 65535) {
            throw new IllegalArgumentException("\"" + text + "\": port " + number + " (expected: 1..65535)");
        }
        return new DnsServer(address, number);
    }

    /** The address an IP literal stands for, or null: never a lookup. */
    private static InetAddress literal(String host) {
        try {
            if (host.indexOf(':') >= 0) {
                // in brackets, the JDK takes it as an IPv6 literal or refuses it; it never looks it up
                return InetAddress.getByName("[" + host + "]");
            }
            String[] parts = host.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                    return null;
                }
                int value = Integer.parseInt(parts[i]);
                if (value > 255) {
                    return null;
                }
                bytes[i] = (byte) value;
            }
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
