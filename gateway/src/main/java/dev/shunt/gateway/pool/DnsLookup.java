package dev.shunt.gateway.pool;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.BackendAddress;
import dev.shunt.gateway.config.DnsDiscovery;
import dev.shunt.gateway.config.DnsLookupType;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.netty.resolver.dns.DnsServerAddressStream;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.NoopAuthoritativeDnsServerCache;
import io.netty.resolver.dns.NoopDnsCache;
import io.netty.resolver.dns.NoopDnsCnameCache;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One discovery's queries, with the TTLs of the answers: A and AAAA of the name, or its SRV records and
 * their targets' addresses (from the additional section when the server put them there). Queries go
 * straight to the DNS server with Netty's resolver (what Vert.x's {@code DnsClient} runs on; its
 * {@code resolveA} drops the TTL), through no cache, on a thread of the lookup's own. On a failed
 * query, the next goes to the next server of the system's list.
 */
final class DnsLookup implements AutoCloseable {

    /** The most SRV weight a backend takes (a backend's weight is 0..1000; SRV's is 0..65535). */
    private static final int MAX_WEIGHT = 1000;

    private final DnsDiscovery dns;
    private final List<InetSocketAddress> servers;
    private final AtomicInteger serverIndex = new AtomicInteger();
    private final EventLoopGroup loop;
    private final DnsNameResolver resolver;

    DnsLookup(DnsDiscovery dns, String threadName) {
        this.dns = requireNonNull(dns, "dns");
        this.servers = dns.server().map(s -> List.of(s.socketAddress())).orElseGet(DnsLookup::systemServers);
        this.loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadName, true), NioIoHandler.newFactory());
        this.resolver = new DnsNameResolverBuilder(loop.next())
                .datagramChannelType(NioDatagramChannel.class)
                .socketChannelType(NioSocketChannel.class) // a truncated answer is asked again over TCP
                .resolveCache(NoopDnsCache.INSTANCE)
                .cnameCache(NoopDnsCnameCache.INSTANCE)
                .authoritativeDnsServerCache(NoopAuthoritativeDnsServerCache.INSTANCE)
                .queryTimeoutMillis(dns.timeout().toMillis())
                .recursionDesired(true)
                .build();
    }

    /** The system's name servers ({@code nameserver} lines of /etc/resolv.conf), as Vert.x finds them too. */
    private static List<InetSocketAddress> systemServers() {
        DnsServerAddressStream stream = DnsServerAddressStreamProviders.platformDefault().nameServerAddressStream("");
        Set<InetSocketAddress> seen = new HashSet<>();
        List<InetSocketAddress> all = new ArrayList<>();
        for (int i = 0, n = Math.max(1, stream.size()); i < n; i++) {
            InetSocketAddress next = stream.next();
            if (seen.add(next)) {
                all.add(next);
            }
        }
        return List.copyOf(all);
    }

    /** The server queries go to now. */
    InetSocketAddress server() {
        return servers.get(Math.floorMod(serverIndex.get(), servers.size()));
    }

    /**
     * Looks the name up once; fails with a {@link DnsLookupException} (perhaps wrapped in a
     * {@link java.util.concurrent.CompletionException}) when there is nothing to use.
     */
    CompletableFuture<DnsAnswer> lookup() {
        return dns.type() == DnsLookupType.A ? addresses() : services();
    }

    private CompletableFuture<DnsAnswer> addresses() {
        int port = dns.port().orElseThrow();
        return addressesOf(dns.name()).thenApply(reply -> {
            if (reply.addresses().isEmpty()) {
                throw new DnsLookupException(dns.name() + " has no A or AAAA record");
            }
            List<BackendAddress> backends = new ArrayList<>();
            for (DnsReply.Address a : reply.addresses()) {
                backends.add(new BackendAddress(a.address().getHostAddress(), port, 1));
            }
            return new DnsAnswer(backends, Duration.ofSeconds(reply.ttlSeconds()));
        });
    }

    private CompletableFuture<DnsAnswer> services() {
        return query(dns.name(), DnsRecordType.SRV).thenCompose(reply -> {
            // the lowest priority value is the one to use (RFC 2782); a pool has no fallback tier
            int best = reply.services().stream().mapToInt(DnsReply.Service::priority).min().orElse(-1);
            List<DnsReply.Service> chosen = reply.services().stream().filter(s -> s.priority() == best).toList();
            if (chosen.isEmpty()) {
                throw new DnsLookupException(dns.name() + " has no SRV record");
            }
            Map<String, CompletableFuture<DnsReply>> targets = new LinkedHashMap<>();
            for (DnsReply.Service s : chosen) {
                targets.computeIfAbsent(s.target(), t -> reply.additionalFor(t).map(CompletableFuture::completedFuture)
                        .orElseGet(() -> addressesOf(t)));
            }
            return CompletableFuture.allOf(targets.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
                long ttl = reply.ttlSeconds();
                List<BackendAddress> backends = new ArrayList<>();
                for (DnsReply.Service s : chosen) {
                    DnsReply target = targets.get(s.target()).join();
                    ttl = Math.min(ttl, target.ttlSeconds());
                    for (DnsReply.Address a : target.addresses()) {
                        backends.add(new BackendAddress(a.address().getHostAddress(), s.port(),
                                Math.max(1, Math.min(MAX_WEIGHT, s.weight()))));
                    }
                }
                if (backends.isEmpty()) {
                    throw new DnsLookupException("the SRV targets of " + dns.name() + " have no A or AAAA record");
                }
                return new DnsAnswer(backends, Duration.ofSeconds(ttl));
            });
        });
    }

    /** A and AAAA records of one name, asked at once. */
    private CompletableFuture<DnsReply> addressesOf(String name) {
        return query(name, DnsRecordType.A).thenCombine(query(name, DnsRecordType.AAAA), DnsReply::and);
    }

    private CompletableFuture<DnsReply> query(String name, DnsRecordType type) {
        InetSocketAddress server = server();
        CompletableFuture<DnsReply> reply = new CompletableFuture<>();
        Future<AddressedEnvelope<DnsResponse, InetSocketAddress>> sent = resolver.query(server, new DefaultDnsQuestion(name, type));
        sent.addListener(done -> {
            if (!done.isSuccess()) {
                serverIndex.incrementAndGet();
                // a timeout's message names the query's id: said without it, the same failure logs once
                String why = done.cause() instanceof DnsNameResolverTimeoutException
                        ? "no answer within " + dns.timeout().toMillis() + " ms" : String.valueOf(done.cause().getMessage());
                reply.completeExceptionally(new DnsLookupException(type.name() + " " + name + " to " + text(server) + ": " + why));
                return;
            }
            AddressedEnvelope<DnsResponse, InetSocketAddress> envelope = sent.getNow();
            try {
                DnsResponseCode code = envelope.content().code();
                if (code == DnsResponseCode.NXDOMAIN) {
                    reply.complete(DnsReply.EMPTY);
                } else if (code != DnsResponseCode.NOERROR) {
                    reply.completeExceptionally(new DnsLookupException(type.name() + " " + name + ": " + code
                            + " from " + text(server)));
                } else {
                    reply.complete(DnsReply.of(envelope.content()));
                }
            } catch (RuntimeException e) {
                reply.completeExceptionally(new DnsLookupException(type.name() + " " + name + ": malformed answer from "
                        + text(server) + " (" + e.getMessage() + ")"));
            } finally {
                envelope.release();
            }
        });
        return reply;
    }

    private static String text(InetSocketAddress server) {
        return server.getAddress().getHostAddress() + ":" + server.getPort();
    }

    @Override
    public void close() {
        resolver.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
