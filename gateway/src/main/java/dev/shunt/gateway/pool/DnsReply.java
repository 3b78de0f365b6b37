package dev.shunt.gateway.pool;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.dns.DefaultDnsRecordDecoder;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What discovery takes from a DNS response, copied out of Netty's buffers (released right after):
 * the answer's addresses (A, AAAA) and services (SRV), the addresses the additional section gives for
 * SRV targets, and how long the answer may be kept (the smallest TTL in it).
 *
 * @param addresses A and AAAA records of the answer, whatever their name (a CNAME chain ends there)
 * @param services SRV records of the answer
 * @param additional A and AAAA records of the additional section
 * @param ttlSeconds the smallest TTL of the answer's records; {@link Long#MAX_VALUE} when it had none
 */
record DnsReply(List<Address> addresses, List<Service> services, List<Address> additional, long ttlSeconds) {

    /** No record: what NXDOMAIN means here. */
    static final DnsReply EMPTY = new DnsReply(List.of(), List.of(), List.of(), Long.MAX_VALUE);

    /** An A or AAAA record. */
    record Address(String name, InetAddress address, long ttlSeconds) {}

    /** An SRV record; {@code target} is lower case with the trailing dot. */
    record Service(int priority, int weight, int port, String target, long ttlSeconds) {}

    DnsReply {
        addresses = List.copyOf(addresses);
        services = List.copyOf(services);
        additional = List.copyOf(additional);
    }

    /** Decodes a NOERROR response. */
    static DnsReply of(DnsResponse response) {
        List<Address> addresses = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        for (int i = 0, n = response.count(DnsSection.ANSWER); i < n; i++) {
            DnsRecord record = response.recordAt(DnsSection.ANSWER, i);
            ttl = Math.min(ttl, record.timeToLive());
            address(record).ifPresent(addresses::add);
            service(record).ifPresent(services::add);
        }
        List<Address> additional = new ArrayList<>();
        for (int i = 0, n = response.count(DnsSection.ADDITIONAL); i < n; i++) {
            address(response.recordAt(DnsSection.ADDITIONAL, i)).ifPresent(additional::add);
        }
        return new DnsReply(addresses, services, additional, ttl);
    }

    /** Both replies' records, kept as long as the shorter-lived allows. */
    DnsReply and(DnsReply other) {
        return new DnsReply(concat(addresses, other.addresses), concat(services, other.services),
                concat(additional, other.additional), Math.min(ttlSeconds, other.ttlSeconds));
    }

    /** The additional section's addresses of one SRV target, as a reply of their own; empty when it gave none. */
    Optional<DnsReply> additionalFor(String target) {
        List<Address> found = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        for (Address a : additional) {
            if (a.name().equals(target)) {
                found.add(a);
                ttl = Math.min(ttl, a.ttlSeconds());
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(new DnsReply(found, List.of(), List.of(), ttl));
    }

    private static Optional<Address> address(DnsRecord record) {
        int octets = record.type() == DnsRecordType.A ? 4 : record.type() == DnsRecordType.AAAA ? 16 : 0;
        if (octets == 0 || !(record instanceof DnsRawRecord raw) || raw.content().readableBytes() != octets) {
            return Optional.empty();
        }
        byte[] bytes = new byte[octets];
        raw.content().getBytes(raw.content().readerIndex(), bytes);
        try {
            return Optional.of(new Address(name(record.name()), InetAddress.getByAddress(bytes), record.timeToLive()));
        } catch (UnknownHostException e) {
            return Optional.empty(); // cannot happen with 4 or 16 bytes
        }
    }

    private static Optional<Service> service(DnsRecord record) {
        if (record.type() != DnsRecordType.SRV || !(record instanceof DnsRawRecord raw) || raw.content().readableBytes() < 7) {
            return Optional.empty();
        }
        // the content is a view of the whole message, so a compressed target's pointers still resolve
        ByteBuf data = raw.content().duplicate();
        int priority = data.readUnsignedShort();
        int weight = data.readUnsignedShort();
        int port = data.readUnsignedShort();
        String target = name(DefaultDnsRecordDecoder.decodeName(data));
        if (target.equals(".") || port == 0) {
            return Optional.empty(); // "no such service here" (RFC 2782)
        }
        return Optional.of(new Service(priority, weight, port, target, record.timeToLive()));
    }

    /** Lower case with the trailing dot, how names are compared here. */
    static String name(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
