package dev.shunt.gateway.config;

/**
 * One static backend of a pool.
 *
 * @param host host name or address
 * @param port port
 * @param weight share of traffic for weighted balancing (canaries); 1 by default, 0 = drained
 */
public record BackendAddress(String host, int port, int weight) {

    public BackendAddress {
        Checks.notBlank("host", host);
        Checks.between("port", port, 1, 65535);
        Checks.between("weight", weight, 0, 1000);
    }

    /** {@code host:port}, the backend's id in metrics and headers. */
    public String id() {
        return host + ":" + port;
    }

    /**
     * Parses {@code host:port} or {@code host:port*weight}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static BackendAddress parse(String text) {
        String spec = text.trim();
        int weight = 1;
        int star = spec.indexOf('*');
        if (star >= 0) {
            weight = parseInt(spec.substring(star + 1), text, "weight");
            spec = spec.substring(0, star);
        }
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("\"" + text + "\" (expected: host:port or host:port*weight)");
        }
        return new BackendAddress(spec.substring(0, colon), parseInt(spec.substring(colon + 1), text, "port"), weight);
    }

    private static int parseInt(String value, String text, String what) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\": " + what + " \"" + value + "\" is not a number");
        }
    }
}
