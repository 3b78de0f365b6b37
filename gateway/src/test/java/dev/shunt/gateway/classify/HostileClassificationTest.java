package dev.shunt.gateway.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.gateway.config.ResilienceConfig;
import dev.shunt.gateway.error.GatewayError;
import dev.shunt.gateway.error.GatewayErrors;
import dev.shunt.routing.RequestProfile;
import dev.shunt.vocabulary.LatencyClass;
import io.vertx.core.MultiMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Seeded property: whatever the body and the headers that shape its classification
 * ({@code Inference-Header-Content-Length}, {@code Content-Encoding}, {@code X-Latency-Class},
 * {@code X-Request-Timeout-Ms}), the gateway's classification gives a profile or a failure that the one
 * error mapping answers with a 400 and a message: never a 500, never a throwable of another kind.
 */
class HostileClassificationTest {

    private static final int CASES = 2_000;
    private static final String[] HEADER_LENGTHS = {
        null, null, null, "0", "-1", "1", "12", "abc", "", " 40 ", "1e3", "2147483647", "2147483648",
        "9223372036854775807", "99999999999999999999", "-9223372036854775808", "+7", "0x10"};
    private static final String[] ENCODINGS = {null, null, null, "gzip", "deflate", "identity", "GZIP ", "br",
        "gzip, identity", "x-gzip", ""};
    private static final String[] CLASSES = {null, null, "realtime", "batch", "REALTIME", "fast", ""};
    private static final String[] TIMEOUTS = {null, null, "100", "0", "-5", "86400001", "1.5", "abc",
        "9223372036854775807"};
    private static final List<String> JSON = List.of(
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[4,2],\"datatype\":\"FP32\",\"data\":[1,2,3,4,5,6,7,8]}]}",
            "{\"id\":\"r\",\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1048576,1048576],\"data\":[1]}]}",
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[9223372036854775807],\"datatype\":\"INT8\",\"data\":[]}]}",
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[2147483648,2147483648,4],\"datatype\":\"FP32\",\"data\":[1]}]}",
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[1e400],\"datatype\":\"FP32\",\"data\":[1]}]}",
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[],\"datatype\":\"FP32\",\"data\":[1]}]}",
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[0,3],\"datatype\":\"FP32\",\"data\":[]}]}",
            "[".repeat(10_000),
            "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[2],\"datatype\":\"FP32\",\"parameters\":{\"binary_data_size\":8}}]}");

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final Classifier classifier = new Classifier();
    private final ResilienceConfig resilience = ResilienceConfig.ofDefaults();
    private final Random random = new Random(20_261_202L);

    @Test
    void everyBodyAndHeaderMixIsAProfileOrA400() {
        int profiles = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] plain = body();
            String encoding = pick(ENCODINGS);
            byte[] sent = encode(plain, encoding);
            MultiMap headers = MultiMap.caseInsensitiveMultiMap();
            put(headers, "Inference-Header-Content-Length", switch (random.nextInt(4)) {
                case 0 -> Integer.toString(random.nextInt(plain.length + 8) - 4);
                case 1 -> pick(HEADER_LENGTHS);
                default -> null;
            });
            put(headers, "Content-Encoding", encoding);
            put(headers, "X-Latency-Class", sometimes(CLASSES));
            put(headers, "X-Request-Timeout-Ms", sometimes(TIMEOUTS));
            put(headers, "X-Tenant", random.nextBoolean() ? "t" + i : null);
            BodyBytes bytes = inTheMiddleOfABuffer(sent);
            try {
                int jsonLength = Classifier.jsonLength(headers, bytes);
                RequestProfile profile = classifier.classify("m", bytes, jsonLength, headers, LatencyClass.STANDARD,
                        Set.of("x-tenant"), resilience, clock.instant());
                assertThat(profile.batchSize()).isPositive();
                assertThat(profile.payloadBytes()).isEqualTo(sent.length);
                assertThat(profile.deadline()).isAfter(clock.instant());
                profiles++;
            } catch (RuntimeException | StackOverflowError e) {
                GatewayError answer = GatewayErrors.of(e);
                assertThat(answer.status()).as("case %d (%s, %s): %s", i, encoding, headers, e).isEqualTo(400);
                assertThat(answer.message()).isNotBlank();
                refused++;
            }
        }
        assertThat(profiles).as("profiles (refused %d)", refused).isGreaterThan(CASES / 10);
        assertThat(refused).as("refusals (profiles %d)", profiles).isGreaterThan(CASES / 10);
    }

    @Test
    void aCompressionBombIsClassifiedFromItsCappedStartAlone() {
        byte[] json = ("{\"inputs\":[{\"name\":\"x\",\"shape\":[3,1],\"datatype\":\"FP32\",\"data\":[1,2,3]}],\"pad\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] bomb = new byte[16 << 20]; // 16 MiB of zeros after the JSON start: a few KiB compressed
        System.arraycopy(json, 0, bomb, 0, json.length);
        byte[] sent = encode(bomb, "gzip");
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Encoding", "gzip");

        RequestProfile profile = classifier.classify("m", new BodyBytes(sent, 0, sent.length), -1, headers,
                LatencyClass.STANDARD, Set.of(), resilience, clock.instant());

        assertThat(sent.length).isLessThan(1 << 20);
        assertThat(profile.batchSize()).isEqualTo(3);
    }

    private byte[] body() {
        byte[] json = JSON.get(random.nextInt(JSON.size())).getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(6)) {
            case 0 -> Arrays.copyOf(json, random.nextInt(json.length + 1));
            case 1 -> {
                byte[] b = json.clone();
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                yield b;
            }
            case 2 -> {
                byte[] b = new byte[random.nextInt(64)];
                random.nextBytes(b);
                yield b;
            }
            case 3 -> withBinary(json);
            default -> json;
        };
    }

    /** The JSON followed by up to 16 bytes, some of them BYTES-style lengths claiming gigabytes. */
    private byte[] withBinary(byte[] json) {
        ByteBuffer tail = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        tail.putInt(random.nextBoolean() ? -1 : 4).putFloat(1f).putLong(random.nextLong());
        byte[] out = Arrays.copyOf(json, json.length + random.nextInt(17));
        System.arraycopy(tail.array(), 0, out, json.length, out.length - json.length);
        return out;
    }

    private byte[] encode(byte[] plain, String encoding) {
        if (encoding == null || random.nextInt(8) == 0) {
            return plain; // sometimes a body that is not in its declared encoding at all
        }
        String name = encoding.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream z = name.endsWith("gzip") ? new GZIPOutputStream(out)
                    : name.equals("deflate") ? new DeflaterOutputStream(out) : out) {
                z.write(plain);
            }
            byte[] bytes = out.toByteArray();
            return random.nextInt(6) == 0 ? Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)) : bytes;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static BodyBytes inTheMiddleOfABuffer(byte[] body) {
        byte[] buffer = new byte[body.length + 8];
        Arrays.fill(buffer, (byte) '}');
        System.arraycopy(body, 0, buffer, 4, body.length);
        return new BodyBytes(buffer, 4, body.length);
    }

    /** A value one time in four, else absent: most cases then get as far as the body. */
    private String sometimes(String[] values) {
        return random.nextInt(4) == 0 ? pick(values) : null;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static void put(MultiMap headers, String name, String value) {
        if (value != null) {
            headers.add(name, value);
        }
    }
}
