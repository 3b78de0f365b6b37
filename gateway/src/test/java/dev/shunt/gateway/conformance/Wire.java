package dev.shunt.gateway.conformance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Request bodies built by hand from the specifications' text, with Jackson and byte arrays only (no
 * Shunt codec): JSON objects, and binary bodies laid out as the extension says, the JSON object then
 * each binary input's bytes in the order the inputs appear in the JSON.
 */
final class Wire {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json");

    private Wire() {}

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }

    /** {@code {"name", "datatype", "shape", "data"}}: a tensor given in JSON. */
    static ObjectNode input(String name, String datatype, long[] shape, ArrayNode data) {
        ObjectNode input = tensor(name, datatype, shape);
        input.set("data", data);
        return input;
    }

    /** {@code {"name", "datatype", "shape", "parameters": {"binary_data_size"}}}: a tensor given in binary. */
    static ObjectNode binaryInput(String name, String datatype, long[] shape, int size) {
        ObjectNode input = tensor(name, datatype, shape);
        input.putObject("parameters").put("binary_data_size", size);
        return input;
    }

    private static ObjectNode tensor(String name, String datatype, long[] shape) {
        ObjectNode tensor = object().put("name", name).put("datatype", datatype);
        ArrayNode dims = tensor.putArray("shape");
        for (long d : shape) {
            dims.add(d);
        }
        return tensor;
    }

    /** {@code {"inputs": [...]}}. */
    static ObjectNode request(JsonNode... inputs) {
        ObjectNode request = object();
        ArrayNode list = request.putArray("inputs");
        for (JsonNode input : inputs) {
            list.add(input);
        }
        return request;
    }

    /** A requested output, {@code {"name"}}, with {@code "parameters": {"binary_data": b}} when b is given. */
    static ObjectNode output(String name, Boolean binaryData) {
        ObjectNode output = object().put("name", name);
        if (binaryData != null) {
            output.putObject("parameters").put("binary_data", binaryData);
        }
        return output;
    }

    /** A binary body: the JSON object then each tensor's bytes, with the header giving the JSON's length. */
    record Binary(byte[] body, int jsonLength) {

        static Binary of(JsonNode header, byte[]... tensors) {
            byte[] json = bytes(header);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(json);
            for (byte[] tensor : tensors) {
                out.writeBytes(tensor);
            }
            return new Binary(out.toByteArray(), json.length);
        }

        /** The headers of the extension's example request. */
        Map<String, String> headers() {
            return headers(Integer.toString(jsonLength));
        }

        static Map<String, String> headers(String headerLength) {
            return Map.of("Content-Type", "application/octet-stream", Answer.HEADER_LENGTH, headerLength);
        }
    }
}
