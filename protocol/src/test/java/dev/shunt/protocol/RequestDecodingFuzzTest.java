package dev.shunt.protocol;

import static dev.shunt.protocol.Json.q;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Bounded, seeded fuzzing: whatever the bytes, decoding and peeking either succeed or throw
 * {@link InvalidRequestException}, and whenever the full decode accepts a body, the peek reports
 * the same facts.
 */
class RequestDecodingFuzzTest {

    /** Bodies per kind; five kinds make 25,000 cases, each through four decoders. */
    private static final int CASES_PER_KIND = 5_000;
    private static final String[] TOKENS = {
        "{", "}", "[", "]", ",", ":", ",", ":", "\"inputs\"", "\"outputs\"", "\"name\"", "\"shape\"", "\"datatype\"",
        "\"data\"", "\"parameters\"", "\"id\"", "\"binary_data_size\"", "\"FP32\"", "\"INT8\"", "\"UINT64\"", "\"BOOL\"",
        "\"BYTES\"", "\"FP16\"", "\"x\"", "0", "1", "-1", "2", "255", "1.5", "-0.0", "1e39", "1e-400",
        "9223372036854775808", "-9223372036854775809", "4294967296", "true", "false", "null", "\"NaN\"", "NaN",
        "\"\\u0000\"", "\"\\ud800\"", " ", "\n", "\"", "\\", "[[[[", "]]]]", "{\"inputs\":[{", "}]}"};

    private final InferenceCodec codec = new InferenceCodec();
    private final RequestPeek peek = new RequestPeek();
    private final List<byte[]> requests = validRequests();
    private final List<byte[]> valid = withOtherDocuments(requests);
    private final Random random = new Random(20_240_601L);

    @Test
    void randomBytes() {
        run("random bytes", () -> {
            byte[] b = new byte[random.nextInt(80)];
            random.nextBytes(b);
            if (random.nextBoolean() && b.length > 0) {
                b[0] = '{';
            }
            return b;
        });
    }

    @Test
    void truncationsOfValidBodies() {
        int accepted = run("truncation", () -> {
            byte[] body = pick();
            return Arrays.copyOf(body, random.nextInt(body.length + 1));
        });
        // Cuts at the very end leave a valid body: the accepted path was exercised too.
        assertThat(accepted).isPositive();
    }

    @Test
    void singleByteMutationsOfValidBodies() {
        byte[] interesting = "{}[],:\"\\-.0123456789eEtfn x".getBytes(StandardCharsets.US_ASCII);
        int accepted = run("mutation", () -> {
            byte[] body = pick().clone();
            int at = random.nextInt(body.length);
            body[at] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt(256);
            return body;
        });
        // Some mutations (a digit for a digit) keep a valid body, whose peek must then agree.
        assertThat(accepted).isPositive();
    }

    @Test
    void tokenSoup() {
        run("token soup", () -> {
            StringBuilder sb = new StringBuilder(random.nextBoolean() ? "{\"inputs\":[{" : "");
            int n = random.nextInt(60);
            for (int i = 0; i < n; i++) {
                sb.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        });
    }

    @Test
    void deepNesting() {
        run("deep nesting", () -> {
            int depth = 1 + random.nextInt(random.nextBoolean() ? 80 : 3000);
            boolean arrays = random.nextBoolean();
            String nested = arrays ? "[".repeat(depth) + "1" + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            if (random.nextInt(4) == 0) {
                nested = nested.substring(0, random.nextInt(nested.length()));
            }
            String body = random.nextBoolean()
                    ? "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":" + nested + "}]}"
                    : "{\"x\":" + nested + ",\"inputs\":[]}";
            return body.getBytes(StandardCharsets.UTF_8);
        });
    }

    @Test
    void theValidCorpusIsValid() {
        assertThat(requests).hasSizeGreaterThan(5);
        for (byte[] body : requests) {
            InferenceRequest r = codec.decodeRequest(body);
            assertThat(peek.peek(body)).isEqualTo(RequestPeekTest.factsOf(r));
        }
    }

    /** Runs bodies from {@code generator} through every decoder; returns how many the request decoder accepted. */
    private int run(String kind, Supplier<byte[]> generator) {
        int accepted = 0;
        for (int i = 0; i < CASES_PER_KIND; i++) {
            byte[] body = generator.get();
            InferenceRequest decoded = attempt(kind, i, body, b -> codec.decodeRequest(b));
            PeekResult peeked = attempt(kind, i, body, b -> peek.peek(b));
            Long batch = attempt(kind, i, body, b -> peek.batchSize(b, 0, b.length));
            attempt(kind, i, body, b -> codec.decodeResponse(b));
            attempt(kind, i, body, b -> codec.decodeModelMetadata(b));
            if (decoded != null) {
                accepted++;
                assertThat(peeked).as("%s #%d peek of an accepted body: %s", kind, i, printable(body))
                        .isEqualTo(RequestPeekTest.factsOf(decoded));
                assertThat(batch).as("%s #%d batch size of an accepted body", kind, i).isEqualTo(peeked.batchSize());
            }
        }
        return accepted;
    }

    private <T> T attempt(String kind, int i, byte[] body, Function<byte[], T> decoder) {
        try {
            return decoder.apply(body);
        } catch (InvalidRequestException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return null;
        } catch (Throwable t) {
            throw new AssertionError(kind + " #" + i + " threw " + t + " for: " + printable(body), t);
        }
    }

    private byte[] pick() {
        return valid.get(random.nextInt(valid.size()));
    }

    private static String printable(byte[] body) {
        StringBuilder sb = new StringBuilder();
        for (byte b : body) {
            sb.append(b >= 32 && b < 127 ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return sb.toString();
    }

    /** Small bodies only, so that 20k cases stay fast. */
    private static List<byte[]> validRequests() {
        List<byte[]> bodies = new ArrayList<>();
        for (byte[] body : RequestPeekTest.BODIES) {
            if (body.length < 2_000) {
                bodies.add(body);
            }
        }
        bodies.add(Json.fp32Request("input", 2, 8, 7));
        bodies.add(q("{'id':'r','parameters':{'t':1,'s':'x','b':true,'f':0.5},'inputs':[{'name':'u','shape':[2,2],"
                + "'datatype':'UINT8','data':[[0,255],[1,2]],'parameters':{'k':'v'}},{'name':'i','shape':[1],"
                + "'datatype':'INT16','data':[-3]}],'outputs':[{'name':'o','parameters':{'binary_data':false}}]}"));
        bodies.add(q("{'inputs':[{'data':[1.5,-2,3e-3],'name':'late','shape':[3],'datatype':'FP64'}]}"));
        return bodies;
    }

    /** The requests plus a response and model metadata, whose mutations feed those decoders too. */
    private static List<byte[]> withOtherDocuments(List<byte[]> requests) {
        List<byte[]> bodies = new ArrayList<>(requests);
        bodies.add(q("{'model_name':'m','model_version':'1','outputs':[{'name':'o','datatype':'FP32','shape':[2],"
                + "'data':[1,'NaN']}]}"));
        bodies.add(q("{'name':'m','versions':['1'],'platform':'p','inputs':[{'name':'i','datatype':'FP32','shape':[-1,4]}],"
                + "'outputs':[],'parameters':{'device':'cpu()'}}"));
        return bodies;
    }

}
