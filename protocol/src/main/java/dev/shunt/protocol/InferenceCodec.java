package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Predicate;

/**
 * JSON encoding and decoding of Open Inference Protocol (KServe v2) messages.
 *
 * <p>Request bodies are decoded by streaming with Jackson's {@code JsonParser}, never through a
 * tree: tensor {@code data} goes straight into primitive arrays, flat or nested (flattened
 * row-major), with fields in any order. Every malformed body, whatever its bytes, ends as an
 * {@link InvalidRequestException} whose message names the JSON path and what was expected, e.g.
 * {@code inputs[0].data: 511 values, shape [1,512] needs 512}. Limits: {@code data} nests at most
 * 32 arrays deep, shapes have rank 16 or less, the body nests at most 64 levels, and no buffer is
 * sized from a shape beyond the values the body can actually hold. FP values may also be the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, which is how non-finite values are encoded.
 *
 * <p>Triton's binary tensor data extension is read and written too ({@link BinaryTensors}): a body
 * whose JSON header is followed by raw tensor bytes, any mix of JSON and binary tensors.
 *
 * <p>Parameters decode to strings, booleans, {@link Long} (integers) and {@link Double} (other
 * numbers). Encoding omits null ids and versions and empty parameters, and writes {@code data} flat.
 *
 * <p>Thread-safe; create one and share it.
 */
public final class InferenceCodec {

    private final JsonFactory factory;
    private final ObjectMapper mapper;

    /** A codec with its own Jackson factory and mapper. */
    public InferenceCodec() {
        factory = JsonSupport.newFactory();
        mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Decodes a whole inference request body. */
    public InferenceRequest decodeRequest(byte[] body) {
        requireNonNull(body, "body");
        return decodeRequest(body, 0, body.length);
    }

    /**
     * Decodes the inference request in {@code body[offset, offset + length)}.
     *
     * @throws InvalidRequestException when it is not a valid request, with a client-facing message
     * @throws IllegalArgumentException when the range is outside {@code body}
     */
    public InferenceRequest decodeRequest(byte[] body, int offset, int length) {
        return decodeRequest(body, offset, length, -1);
    }

    /**
     * Decodes the inference request in {@code body[offset, offset + length)}, whose first
     * {@code jsonLength} bytes are its JSON and the rest its binary tensors (the value of
     * {@value BinaryTensors#HEADER_LENGTH}; -1 when the body is JSON alone).
     *
     * @throws InvalidRequestException when it is not a valid request, with a client-facing message
     */
    public InferenceRequest decodeRequest(byte[] body, int offset, int length, int jsonLength) {
        requireNonNull(body, "body");
        return RequestDecoder.decode(factory, body, offset, length, jsonLength);
    }

    /** Encodes an inference request, for clients, tests and load tools. */
    public byte[] encodeRequest(InferenceRequest request) {
        requireNonNull(request, "request");
        return MessageWriter.writeRequest(factory, request);
    }

    /**
     * Encodes an inference request with the inputs {@code binary} picks (by name) in the binary part;
     * the others as JSON {@code data}.
     */
    public EncodedMessage encodeRequest(InferenceRequest request, Predicate<String> binary) {
        requireNonNull(request, "request");
        requireNonNull(binary, "binary");
        return MessageWriter.writeRequest(factory, request, binary);
    }

    /** Encodes an inference response: snake_case fields, tensors as flat {@code data} arrays. */
    public byte[] encodeResponse(InferenceResponse response) {
        requireNonNull(response, "response");
        return MessageWriter.writeResponse(factory, response);
    }

    /**
     * Encodes an inference response with the outputs {@code binary} picks (by name) in the binary
     * part, e.g. {@code name -> BinaryTensors.wantsBinary(request, name)}.
     */
    public EncodedMessage encodeResponse(InferenceResponse response, Predicate<String> binary) {
        requireNonNull(response, "response");
        requireNonNull(binary, "binary");
        return MessageWriter.writeResponse(factory, response, binary);
    }

    /**
     * Decodes an inference response.
     *
     * @throws InvalidRequestException when it is not a valid response; paths start with {@code response.}
     */
    public InferenceResponse decodeResponse(byte[] body) {
        return decodeResponse(body, -1);
    }

    /**
     * Decodes an inference response whose first {@code jsonLength} bytes are its JSON and the rest its
     * binary outputs (-1: JSON alone).
     *
     * @throws InvalidRequestException when it is not a valid response; paths start with {@code response.}
     */
    public InferenceResponse decodeResponse(byte[] body, int jsonLength) {
        requireNonNull(body, "body");
        return ResponseDecoder.decode(factory, body, jsonLength);
    }

    /**
     * Encodes a {@link ServerMetadata}, {@link ModelMetadata}, {@link TensorMetadata},
     * {@link ErrorBody}, {@link InferenceRequest} or {@link InferenceResponse} with snake_case field
     * names, datatypes by wire name and shapes as arrays.
     *
     * @throws IllegalArgumentException for any other type
     */
    public byte[] encodeJson(Object value) {
        requireNonNull(value, "value");
        if (value instanceof InferenceRequest r) {
            return encodeRequest(r);
        }
        if (value instanceof InferenceResponse r) {
            return encodeResponse(r);
        }
        return MetadataCodec.encode(factory, value);
    }

    /**
     * Decodes model metadata ({@code GET /v2/models/{m}}); a missing {@code platform} reads as empty.
     *
     * @throws InvalidRequestException when malformed; paths start with {@code model_metadata}
     */
    public ModelMetadata decodeModelMetadata(byte[] body) {
        requireNonNull(body, "body");
        return MetadataCodec.decodeModel(mapper, body);
    }

    /**
     * Decodes server metadata ({@code GET /v2}).
     *
     * @throws InvalidRequestException when malformed; paths start with {@code server_metadata}
     */
    public ServerMetadata decodeServerMetadata(byte[] body) {
        requireNonNull(body, "body");
        return MetadataCodec.decodeServer(mapper, body);
    }

    /**
     * Decodes an error body ({@code {"error": "..."}}).
     *
     * @throws InvalidRequestException when malformed; paths start with {@code error_body}
     */
    public ErrorBody decodeError(byte[] body) {
        requireNonNull(body, "body");
        return MetadataCodec.decodeError(mapper, body);
    }
}
