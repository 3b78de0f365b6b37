package dev.shunt.gateway.pool;

/** A DNS lookup that gave no usable answer: the server failed, did not answer, or named no backend. */
final class DnsLookupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DnsLookupException(String message) {
        super(message, null, false, false);
    }
}
