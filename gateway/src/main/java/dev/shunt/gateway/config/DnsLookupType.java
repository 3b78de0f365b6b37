package dev.shunt.gateway.config;

/** Which records DNS discovery asks for. */
public enum DnsLookupType {
    /** A and AAAA records: every address serves on the discovery's configured port. */
    A,
    /** SRV records: each gives a target (asked for its A and AAAA records) and a port of its own. */
    SRV
}
