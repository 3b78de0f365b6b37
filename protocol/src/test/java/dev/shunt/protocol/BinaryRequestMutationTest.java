package dev.shunt.protocol;

import static dev.shunt.protocol.DecodeContract.acceptedOrRefused;
import static dev.shunt.protocol.DecodeContract.holdsTogether;
import static dev.shunt.protocol.DecodeContract.peekAgrees;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of bodies with binary tensors (the JSON-only fuzzing beside it does not reach the
 * binary part): bytes changed in the JSON header or the tensors, the header length moved, the body cut
 * or grown, a {@code binary_data_size} rewritten. Each body either decodes to tensors that hold together
 * and that the peek of its JSON header agrees with, or is refused with a message.
 */
class BinaryRequestMutationTest {

    private static final int CASES = 4_000;
    private static final String[] SIZES = {"0", "1", "3", "4", "7", "8", "16", "-1", "4294967296", "9223372036854775807",
        "1e3", "2.0", "\"4\"", "null", "true"};

    private final InferenceCodec codec = new InferenceCodec();
    private final RequestPeek peek = new RequestPeek();
    private final Random random = new Random(20_261_202L);
    private final List<EncodedMessage> valid = List.of(
            codec.encodeRequest(request(), name -> !name.equals("j")),
            codec.encodeRequest(request(), name -> true),
            codec.encodeRequest(new InferenceRequest(null, Map.of(), List.of(InferInput.of("e", new long[] {0, 3},
                    Datatype.FP64, new TensorData.Doubles(new double[0]))), List.of()), name -> true));

    @Test
    void everyMutationDecodesToTensorsThatHoldTogetherOrIsRefused() {
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            EncodedMessage original = valid.get(random.nextInt(valid.size()));
            Mutated m = mutate(original);
            String header = m.header;
            byte[] body = m.body;
            Integer jsonLength = acceptedOrRefused(() -> BinaryTensors.jsonLength(header, body.length));
            if (jsonLength == null) {
                continue;
            }
            int json = jsonLength < 0 ? body.length : jsonLength;
            InferenceRequest decoded;
            PeekResult peeked;
            try {
                decoded = acceptedOrRefused(() -> codec.decodeRequest(body, 0, body.length, jsonLength));
                peeked = acceptedOrRefused(() -> peek.peek(body, 0, json));
                acceptedOrRefused(() -> codec.decodeResponse(body, jsonLength));
            } catch (RuntimeException | Error e) {
                throw new AssertionError("case " + i + " (header " + header + ") threw " + e + " for "
                        + DecodeContract.printable(body), e);
            }
            if (decoded != null) {
                accepted++;
                holdsTogether(decoded);
                assertThat(peeked).as("case %d: the peek of an accepted body", i).isNotNull();
                peekAgrees(peeked, decoded);
            }
        }
        assertThat(accepted).as("mutations that kept a valid body (a byte of a float changed, say)").isPositive();
    }

    private record Mutated(String header, byte[] body) {}

    private Mutated mutate(EncodedMessage message) {
        byte[] body = message.bytes().clone();
        int jsonLength = message.jsonLength();
        String header = Integer.toString(jsonLength);
        switch (random.nextInt(7)) {
            case 0 -> body[random.nextInt(body.length)] = (byte) random.nextInt(256);
            case 1 -> body[body.length > jsonLength ? jsonLength + random.nextInt(body.length - jsonLength)
                    : random.nextInt(body.length)] ^= (byte) 0xff;
            case 2 -> header = Integer.toString(jsonLength + random.nextInt(9) - 4);
            case 3 -> body = Arrays.copyOf(body, random.nextInt(body.length + 1));
            case 4 -> body = Arrays.copyOf(body, body.length + 1 + random.nextInt(8));
            case 5 -> {
                String json = new String(body, 0, jsonLength, StandardCharsets.UTF_8);
                String size = SIZES[random.nextInt(SIZES.length)];
                String changed = json.replaceFirst("\"binary_data_size\":\\d+", "\"binary_data_size\":" + size);
                byte[] head = changed.getBytes(StandardCharsets.UTF_8);
                byte[] out = Arrays.copyOf(head, head.length + body.length - jsonLength);
                System.arraycopy(body, jsonLength, out, head.length, body.length - jsonLength);
                body = out;
                header = Integer.toString(head.length);
            }
            default -> header = random.nextBoolean() ? null : "";
        }
        return new Mutated(header, body);
    }

    private static InferenceRequest request() {
        return new InferenceRequest("m", Map.of("binary_data_output", true), List.of(
                InferInput.of("f", new long[] {2, 2}, Datatype.FP32, new TensorData.Floats(new float[] {1, 2, 3, 4})),
                InferInput.of("h", new long[] {2}, Datatype.FP16, new TensorData.Floats(new float[] {0.5f, -2})),
                InferInput.of("s", new long[] {2}, Datatype.BYTES, TensorData.Bytes.ofStrings(List.of("ab", "\u00e9"))),
                InferInput.of("u", new long[] {1}, Datatype.UINT64, new TensorData.Longs(new long[] {7})),
                InferInput.of("b", new long[] {3}, Datatype.BOOL, new TensorData.Bools(new boolean[] {true, false, true})),
                InferInput.of("j", new long[] {1}, Datatype.INT8, new TensorData.Longs(new long[] {-3}))), List.of());
    }
}
