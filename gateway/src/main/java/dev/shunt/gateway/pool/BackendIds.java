package dev.shunt.gateway.pool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The ids clients see for backends: {@code <pool>-<8 hex digits>}, the first 32 bits of the SHA-256 of
 * {@code <pool>/<host>:<port>}. The same backend gets the same id on every replica and after a restart,
 * so an answer's {@code X-Shunt-Backend} can be matched with {@code GET /admin/pools} (which shows both);
 * the address itself stays inside. It is a label, not a secret: whoever guesses an address can check the
 * guess against it.
 */
public final class BackendIds {

    private static final int HEX_DIGITS = 8;

    private BackendIds() {}

    /** The id clients see for the backend at {@code address} ({@code host:port}) of {@code pool}. */
    public static String opaque(String pool, String address) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        byte[] digest = sha256.digest((pool + "/" + address).getBytes(StandardCharsets.UTF_8));
        return pool + "-" + HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
    }
}
