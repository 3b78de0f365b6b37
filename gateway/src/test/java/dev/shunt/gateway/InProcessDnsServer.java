package dev.shunt.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A DNS server on 127.0.0.1 (UDP, a free port) that answers A, AAAA and SRV questions from records the
 * test sets, with the TTLs it chooses, and remembers when each question came. Names it does not know
 * get NXDOMAIN; it can be told to answer SERVFAIL instead, or nothing at all.
 */
public final class InProcessDnsServer implements AutoCloseable {

    /** One SRV record's data. */
    public record Srv(int priority, int weight, int port, String target) {}

    /** A question as it arrived. */
    public record Query(long nanos, String name, DnsRecordType type) {}

    private record Answer(long ttl, List<byte[]> addresses, List<Srv> services) {}

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Map<String, Answer> a = new ConcurrentHashMap<>();
    private final Map<String, Answer> aaaa = new ConcurrentHashMap<>();
    private final Map<String, Answer> srv = new ConcurrentHashMap<>();
    private final List<Query> queries = new CopyOnWriteArrayList<>();
    private volatile boolean failing;
    private volatile boolean silent;
    private volatile boolean targetsInAdditional = true;
    private final Channel channel;

    private InProcessDnsServer() throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<NioDatagramChannel>() {
                    @Override
                    protected void initChannel(NioDatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(), new Responder());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** Starts one on a free port. */
    public static InProcessDnsServer start() throws InterruptedException {
        return new InProcessDnsServer();
    }

    /** {@code 127.0.0.1:port}, for a discovery's {@code server}. */
    public String address() {
        return "127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** From now on, {@code name} has these IPv4 addresses (none: no A record), kept {@code ttl} seconds. */
    public void answerA(String name, long ttl, String... ips) {
        a.put(key(name), new Answer(ttl, List.of(ips).stream().map(InProcessDnsServer::bytes).toList(), List.of()));
    }

    /** From now on, {@code name} has these IPv6 addresses. */
    public void answerAaaa(String name, long ttl, String... ips) {
        aaaa.put(key(name), new Answer(ttl, List.of(ips).stream().map(InProcessDnsServer::bytes).toList(), List.of()));
    }

    /** From now on, {@code name} has these SRV records, kept {@code ttl} seconds. */
    public void answerSrv(String name, long ttl, Srv... records) {
        srv.put(key(name), new Answer(ttl, List.of(), List.of(records)));
    }

    /** Whether SRV answers carry their targets' A records in the additional section (they do unless told). */
    public void targetsInAdditional(boolean yes) {
        targetsInAdditional = yes;
    }

    /** From now on, every question gets SERVFAIL (true) or its records again (false). */
    public void failing(boolean yes) {
        failing = yes;
    }

    /** From now on, questions are noted and left unanswered (true), or answered again (false). */
    public void silent(boolean yes) {
        silent = yes;
    }

    /** Every question so far, in arrival order. */
    public List<Query> queries() {
        return List.copyOf(queries);
    }

    /** The questions so far for one name and type. */
    public List<Query> queries(String name, DnsRecordType type) {
        return queries.stream().filter(q -> q.name().equals(key(name)) && q.type().equals(type)).toList();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Responder extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            DnsQuestion question = query.recordAt(DnsSection.QUESTION);
            String name = key(question.name());
            queries.add(new Query(System.nanoTime(), name, question.type()));
            if (silent) {
                return;
            }
            DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            response.setRecursionAvailable(true);
            response.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(name, question.type()));
            if (failing) {
                response.setCode(DnsResponseCode.SERVFAIL);
            } else if (!a.containsKey(name) && !aaaa.containsKey(name) && !srv.containsKey(name)) {
                response.setCode(DnsResponseCode.NXDOMAIN);
            } else if (question.type().equals(DnsRecordType.A) || question.type().equals(DnsRecordType.AAAA)) {
                Answer answer = (question.type().equals(DnsRecordType.A) ? a : aaaa).get(name);
                addAddresses(response, DnsSection.ANSWER, name, question.type(), answer);
            } else if (question.type().equals(DnsRecordType.SRV) && srv.containsKey(name)) {
                Answer answer = srv.get(name);
                for (Srv s : answer.services()) {
                    response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(name, DnsRecordType.SRV, answer.ttl(), srvData(s)));
                    if (targetsInAdditional) {
                        addAddresses(response, DnsSection.ADDITIONAL, key(s.target()), DnsRecordType.A, a.get(key(s.target())));
                    }
                }
            }
            ctx.writeAndFlush(response);
        }
    }

    private static void addAddresses(DatagramDnsResponse response, DnsSection section, String name, DnsRecordType type,
            Answer answer) {
        if (answer == null) {
            return;
        }
        for (byte[] address : answer.addresses()) {
            response.addRecord(section, new DefaultDnsRawRecord(name, type, answer.ttl(), Unpooled.wrappedBuffer(address)));
        }
    }

    private static ByteBuf srvData(Srv s) {
        ByteBuf data = Unpooled.buffer();
        data.writeShort(s.priority()).writeShort(s.weight()).writeShort(s.port());
        for (String label : key(s.target()).split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            data.writeByte(bytes.length).writeBytes(bytes);
        }
        return data.writeByte(0);
    }

    private static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    private static byte[] bytes(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress(); // literals only: no lookup
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }
}
