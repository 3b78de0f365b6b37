package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The model-relevant facts of a request body, read by {@link RequestPeek} without decoding its data.
 *
 * @param inputs the inputs, in body order
 * @param batchSize the first dimension of the first input; 1 when it is a scalar, 0 when there are
 *     no inputs (a body {@link RequestPeek} accepts always has some)
 * @param elementCount the elements of all inputs together, by their shapes
 * @param id the request's id, null when it has none
 * @param binaryBytes the {@code binary_data_size} of the binary inputs together (0 when all are JSON)
 */
public record PeekResult(List<PeekedInput> inputs, long batchSize, long elementCount, String id, long binaryBytes) {

    public PeekResult {
        inputs = List.copyOf(requireNonNull(inputs, "inputs"));
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize: " + batchSize + " (expected: >= 0)");
        }
        if (elementCount < 0) {
            throw new IllegalArgumentException("elementCount: " + elementCount + " (expected: >= 0)");
        }
        if (binaryBytes < 0) {
            throw new IllegalArgumentException("binaryBytes: " + binaryBytes + " (expected: >= 0)");
        }
    }

    /** A request whose inputs are all JSON. */
    public PeekResult(List<PeekedInput> inputs, long batchSize, long elementCount, String id) {
        this(inputs, batchSize, elementCount, id, 0);
    }
}
