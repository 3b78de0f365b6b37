package dev.shunt.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * What every decoder promises, whatever the bytes: a result that holds together, or an
 * {@link InvalidRequestException} with a message. Any other throwable (a runtime exception, a
 * {@link StackOverflowError}, an {@link OutOfMemoryError}) escapes and fails the caller.
 */
final class DecodeContract {

    private DecodeContract() {}

    /** The result, or null when {@code decode} refused the input with a non-blank message. */
    static <T> T acceptedOrRefused(Supplier<T> decode) {
        try {
            return decode.get();
        } catch (InvalidRequestException refused) {
            assertThat(refused.getMessage()).as("a refusal's message").isNotBlank();
            return null;
        }
    }

    /** Every input of an accepted request: its data's count is its shape's product, held as its datatype needs. */
    static void holdsTogether(InferenceRequest request) {
        assertThat(request.inputs()).as("inputs").isNotEmpty();
        for (InferInput input : request.inputs()) {
            assertThat(input.name()).isNotEmpty();
            tensorHoldsTogether(input.toString(), input.shape(), input.datatype(), input.data());
        }
    }

    /** As {@link #holdsTogether(InferenceRequest)}, for the outputs of a response. */
    static void holdsTogether(InferenceResponse response) {
        for (InferOutput output : response.outputs()) {
            tensorHoldsTogether(output.toString(), output.shape(), output.datatype(), output.data());
        }
    }

    private static void tensorHoldsTogether(String what, long[] shape, Datatype type, TensorData data) {
        long count = Shapes.elementCount(shape);
        assertThat(count).as("%s: shape product", what).isNotNegative();
        assertThat((long) data.size()).as("%s: values for shape %s", what, Shapes.format(shape)).isEqualTo(count);
        switch (type) {
            case FP16, FP32 -> assertThat(data).as(what).isInstanceOf(TensorData.Floats.class);
            case FP64 -> assertThat(data).as(what).isInstanceOf(TensorData.Doubles.class);
            case BOOL -> assertThat(data).as(what).isInstanceOf(TensorData.Bools.class);
            case BYTES -> assertThat(data).as(what).isInstanceOf(TensorData.Bytes.class);
            default -> {
                assertThat(data).as(what).isInstanceOf(TensorData.Longs.class);
                long[] values = ((TensorData.Longs) data).values();
                assertThat(Arrays.stream(values).allMatch(v -> v >= type.minValue() && v <= type.maxValue()))
                        .as("%s: values within %s's range", what, type).isTrue();
            }
        }
    }

    /** The peek of an accepted request's JSON reports the same inputs, batch size, element count and id. */
    static void peekAgrees(PeekResult peeked, InferenceRequest request) {
        assertThat(peeked.inputs()).hasSameSizeAs(request.inputs());
        for (int i = 0; i < peeked.inputs().size(); i++) {
            PeekedInput p = peeked.inputs().get(i);
            InferInput in = request.inputs().get(i);
            assertThat(p.name()).isEqualTo(in.name());
            assertThat(p.datatype()).isEqualTo(in.datatype().name());
            assertThat(p.shape()).isEqualTo(in.shape());
        }
        long[] first = request.inputs().get(0).shape();
        assertThat(peeked.batchSize()).isEqualTo(first.length == 0 ? 1 : first[0]);
        assertThat(peeked.elementCount()).isEqualTo(request.inputs().stream().mapToLong(i -> i.data().size()).sum());
        assertThat(peeked.id()).isEqualTo(request.id());
    }

    /** The bytes as text with everything outside printable ASCII escaped, for failure messages. */
    static String printable(byte[] body) {
        StringBuilder sb = new StringBuilder();
        for (byte b : body) {
            sb.append(b >= 32 && b < 127 ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return sb.toString();
    }

    /**
     * A fuzz input split at its first newline into the {@value BinaryTensors#HEADER_LENGTH} header's
     * value (read as Latin-1, as HTTP headers are) and the body; no newline: no header.
     */
    record Framed(String header, byte[] body) {

        static Framed of(byte[] input) {
            for (int i = 0; i < input.length; i++) {
                if (input[i] == '\n') {
                    return new Framed(new String(input, 0, i, StandardCharsets.ISO_8859_1),
                            Arrays.copyOfRange(input, i + 1, input.length));
                }
            }
            return new Framed(null, input);
        }
    }
}
