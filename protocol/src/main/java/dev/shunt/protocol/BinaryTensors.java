package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;


/**
 * The rules of Triton's binary tensor data extension that sit outside the JSON: the HTTP header that
 * says where the JSON ends, the extension's name in server metadata, and which outputs a request
 * wants in binary.
 *
 * <p>A body with binary tensors is a JSON header of {@value #HEADER_LENGTH} bytes followed by each
 * binary tensor's bytes, in the order the tensors appear in the JSON; a tensor sent that way carries
 * {@code parameters.binary_data_size} instead of {@code data}. Elements are little-endian, row-major;
 * BOOL is one byte, FP16 is IEEE half precision, and each BYTES element is a 4-byte little-endian
 * length followed by that many bytes.
 */
public final class BinaryTensors {

    /** The HTTP header with the JSON header's length in bytes. */
    public static final String HEADER_LENGTH = "Inference-Header-Content-Length";

    /** The extension's name in server metadata ({@code GET /v2}). */
    public static final String EXTENSION = "binary_tensor_data";

    /** The tensor parameter holding its binary size. */
    public static final String SIZE_PARAMETER = "binary_data_size";

    /** The requested-output parameter asking for it in binary. */
    public static final String OUTPUT_PARAMETER = "binary_data";

    /** The request parameter asking for every output in binary, unless an output says otherwise. */
    public static final String ALL_OUTPUTS_PARAMETER = "binary_data_output";

    private BinaryTensors() {}

    /**
     * The JSON header's length from the {@value #HEADER_LENGTH} header; -1 when the header is absent.
     *
     * @param header the header's value, or null
     * @param bodyLength the whole body's length
     * @throws InvalidRequestException when it is not a byte count within the body, or is 0 (a raw
     *     binary request, which these servers do not take)
     */
    public static int jsonLength(String header, int bodyLength) {
        if (header == null) {
            return -1;
        }
        long value;
        try {
            value = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(HEADER_LENGTH + ": " + JsonSupport.echo(header)
                    + " (expected: the JSON header's length in bytes)");
        }
        if (value < 0) {
            throw new InvalidRequestException(HEADER_LENGTH + ": " + value + " (expected: >= 0)");
        }
        if (value == 0) {
            throw new InvalidRequestException(HEADER_LENGTH + ": 0, Triton's raw binary request without a JSON header,"
                    + " is not supported (expected: the JSON header's length in bytes)");
        }
        if (value > bodyLength) {
            throw new InvalidRequestException(HEADER_LENGTH + ": " + pastTheEnd(value, bodyLength));
        }
        return (int) value;
    }

    /** {@code 5000 is past the end of the 4000-byte body}: how every check of the header length words it. */
    public static String pastTheEnd(long jsonLength, long bodyLength) {
        return jsonLength + " is past the end of the " + bodyLength + "-byte body";
    }

    /**
     * The JSON header's length an answer declares, for reading it leniently: -1 when the header is
     * absent or not a byte count (the body is then read as JSON alone, and fails as such if it is not).
     */
    public static int declaredJsonLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            int n = Integer.parseInt(header.trim());
            return n < 0 ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Whether the answer should carry {@code outputName} in binary: the requested output's own
     * {@code binary_data} when it sets one, else the request's {@code binary_data_output}, else JSON.
     */
    public static boolean wantsBinary(InferenceRequest request, String outputName) {
        requireNonNull(request, "request");
        requireNonNull(outputName, "outputName");
        for (RequestedOutput output : request.outputs()) {
            if (output.name().equals(outputName) && output.parameters().get(OUTPUT_PARAMETER) instanceof Boolean b) {
                return b;
            }
        }
        return Boolean.TRUE.equals(request.parameters().get(ALL_OUTPUTS_PARAMETER));
    }
}
