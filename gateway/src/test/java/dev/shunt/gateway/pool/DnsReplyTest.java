package dev.shunt.gateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What discovery reads out of a DNS response, compressed names included. */
class DnsReplyTest {

    @Test
    void readsAnSrvTargetWrittenAsAPointerAndTheTargetsAddressesFromTheAdditionalSection() throws Exception {
        ByteBuf message = Unpooled.buffer();
        writeName(message, "a.shunt.test"); // at offset 0, as if earlier in the message
        int data = message.writerIndex();
        message.writeShort(0).writeShort(7).writeShort(8101).writeShort(0xC000); // target: a pointer to offset 0
        DefaultDnsResponse response = new DefaultDnsResponse(1);
        try {
            response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord("_http._tcp.cpu.shunt.test.", DnsRecordType.SRV, 30,
                    message.duplicate().setIndex(data, message.writerIndex())));
            response.addRecord(DnsSection.ADDITIONAL, new DefaultDnsRawRecord("A.Shunt.Test.", DnsRecordType.A, 5,
                    Unpooled.wrappedBuffer(new byte[] {127, 0, 0, 9})));

            DnsReply reply = DnsReply.of(response);

            assertThat(reply.services()).containsExactly(new DnsReply.Service(0, 7, 8101, "a.shunt.test.", 30));
            assertThat(reply.ttlSeconds()).as("the answer's records only").isEqualTo(30);
            DnsReply target = reply.additionalFor("a.shunt.test.").orElseThrow();
            assertThat(target.addresses()).extracting(DnsReply.Address::address)
                    .containsExactly(InetAddress.getByName("127.0.0.9"));
            assertThat(target.ttlSeconds()).isEqualTo(5);
            assertThat(reply.additionalFor("b.shunt.test.")).isEmpty();
        } finally {
            response.release();
        }
    }

    @Test
    void theSmallestTtlOfTheAnswerCountsAndOtherTypesAreLeftOut() throws Exception {
        DefaultDnsResponse response = new DefaultDnsResponse(1);
        try {
            response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord("x.shunt.test.", DnsRecordType.CNAME, 2,
                    Unpooled.wrappedBuffer(new byte[] {1, 'y', 0})));
            response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord("y.", DnsRecordType.A, 60,
                    Unpooled.wrappedBuffer(new byte[] {10, 0, 0, 1})));
            response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord("y.", DnsRecordType.AAAA, 60,
                    Unpooled.wrappedBuffer(InetAddress.getByName("fd00::1").getAddress())));

            DnsReply reply = DnsReply.of(response);

            assertThat(reply.addresses()).extracting(DnsReply.Address::address)
                    .containsExactly(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("fd00::1"));
            assertThat(reply.ttlSeconds()).as("the CNAME's").isEqualTo(2);
            assertThat(reply.and(DnsReply.EMPTY).ttlSeconds()).isEqualTo(2);
        } finally {
            response.release();
        }
    }

    private static void writeName(ByteBuf out, String name) {
        for (String label : name.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            out.writeByte(bytes.length).writeBytes(bytes);
        }
        out.writeByte(0);
    }
}
