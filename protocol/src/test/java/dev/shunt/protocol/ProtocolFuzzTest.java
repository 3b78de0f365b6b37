package dev.shunt.protocol;

import static dev.shunt.protocol.DecodeContract.acceptedOrRefused;
import static dev.shunt.protocol.DecodeContract.holdsTogether;
import static dev.shunt.protocol.DecodeContract.peekAgrees;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of every entry point that reads bytes from a client or a server: the
 * request decoder (JSON alone and with binary tensors behind an {@value BinaryTensors#HEADER_LENGTH}
 * header), the peek the gateway classifies with, the response decoder and the parameter splice.
 *
 * <p>{@code mvn test} runs each target once over its committed inputs (the regression mode:
 * deterministic, a second or so); {@code JAZZER_FUZZ=1} with {@code -Dtest=ProtocolFuzzTest#target}
 * fuzzes one target for real (see the notes on fuzzing). The contract in each: an accepted input holds
 * together ({@link DecodeContract}); a refused one is an {@link InvalidRequestException} with a message;
 * anything else that escapes, an {@link OutOfMemoryError} or a {@link StackOverflowError} included,
 * is a finding.
 */
class ProtocolFuzzTest {

    private static final long TIMEOUT_MICROS = 250_000;

    private final InferenceCodec codec = new InferenceCodec();
    private final RequestPeek peek = new RequestPeek();
    private final RequestParameterSplice splice = new RequestParameterSplice();

    /** A body of JSON alone: the full decode, the peek and the batch-size peek agree. */
    @FuzzTest(maxDuration = "1m")
    void jsonRequest(byte[] body) {
        InferenceRequest decoded = acceptedOrRefused(() -> codec.decodeRequest(body));
        PeekResult peeked = acceptedOrRefused(() -> peek.peek(body));
        Long batch = acceptedOrRefused(() -> peek.batchSize(body, 0, body.length));
        if (decoded != null) {
            holdsTogether(decoded);
            assertThat(peeked).as("the peek of an accepted body").isNotNull();
            peekAgrees(peeked, decoded);
            assertThat(batch).isEqualTo(peeked.batchSize());
        }
    }

    /**
     * A body with binary tensors: the input's first line is the {@value BinaryTensors#HEADER_LENGTH}
     * header, the rest the body. The header is checked as the model server checks it, then the whole
     * body decoded and its JSON header peeked as the gateway peeks it.
     */
    @FuzzTest(maxDuration = "1m")
    void binaryRequest(byte[] input) {
        DecodeContract.Framed framed = DecodeContract.Framed.of(input);
        byte[] body = framed.body();
        Integer jsonLength = acceptedOrRefused(() -> BinaryTensors.jsonLength(framed.header(), body.length));
        if (jsonLength == null) {
            return;
        }
        int json = jsonLength < 0 ? body.length : jsonLength;
        InferenceRequest decoded = acceptedOrRefused(() -> codec.decodeRequest(body, 0, body.length, jsonLength));
        PeekResult peeked = acceptedOrRefused(() -> peek.peek(body, 0, json));
        Long batch = acceptedOrRefused(() -> peek.batchSize(body, 0, json));
        if (decoded != null) {
            holdsTogether(decoded);
            assertThat(peeked).as("the peek of an accepted body's JSON").isNotNull();
            peekAgrees(peeked, decoded);
            assertThat(batch).isEqualTo(peeked.batchSize());
            assertThat(peeked.binaryBytes()).as("binary bytes").isEqualTo(jsonLength < 0 ? 0 : body.length - jsonLength);
        }
    }

    /** A model server's answer, binary or not, as the gateway's shadow comparison and clients read it. */
    @FuzzTest(maxDuration = "1m")
    void response(byte[] input) {
        DecodeContract.Framed framed = DecodeContract.Framed.of(input);
        byte[] body = framed.body();
        int declared = BinaryTensors.declaredJsonLength(framed.header());
        InferenceResponse decoded = acceptedOrRefused(() -> codec.decodeResponse(body, declared));
        if (decoded != null) {
            holdsTogether(decoded);
        }
    }

    /**
     * The gateway's splice of {@code timeout} and {@code priority} into a body: it never throws, and a
     * body the decoder accepted decodes after the splice to the same inputs with the parameters put.
     */
    @FuzzTest(maxDuration = "1m")
    void parameterSplice(byte[] body) {
        byte[] spliced = splice.apply(body, TIMEOUT_MICROS, 3);
        InferenceRequest before = acceptedOrRefused(() -> codec.decodeRequest(body));
        if (before == null) {
            return;
        }
        InferenceRequest after = acceptedOrRefused(() -> codec.decodeRequest(spliced));
        assertThat(after).as("the spliced body of an accepted one: %s", DecodeContract.printable(spliced)).isNotNull();
        assertThat(after.inputs()).isEqualTo(before.inputs());
        assertThat(after.parameters().get("timeout")).isInstanceOf(Long.class);
        assertThat((Long) after.parameters().get("timeout")).isLessThanOrEqualTo(TIMEOUT_MICROS);
    }
}
