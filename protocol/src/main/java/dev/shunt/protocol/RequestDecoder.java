package dev.shunt.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams an inference request body into an {@link InferenceRequest}: its JSON, then the binary part
 * (Triton's binary tensor data extension) for the inputs that sent theirs there.
 */
final class RequestDecoder {

    private static final Set<String> KNOWN_FIELDS = Set.of("id", "parameters", "inputs", "outputs");

    private RequestDecoder() {}

    /**
     * @param jsonLength the JSON header's length when the body has a binary part; -1 when it is JSON alone
     */
    static InferenceRequest decode(JsonFactory factory, byte[] body, int offset, int length, int jsonLength) {
        if (jsonLength > length) {
            throw new InvalidRequestException(BinaryTensors.HEADER_LENGTH + ": "
                    + BinaryTensors.pastTheEnd(jsonLength, length));
        }
        int json = jsonLength < 0 ? length : jsonLength;
        try (JsonCursor in = JsonCursor.open(factory, body, offset, json, "body")) {
            in.openRoot();
            String id = null;
            Map<String, Object> parameters = Map.of();
            List<TensorReader.Tensor> inputs = null;
            List<RequestedOutput> outputs = List.of();
            Set<String> seen = new HashSet<>(8);
            for (String field = in.nextField(); field != null; field = in.nextField()) {
                if (KNOWN_FIELDS.contains(field) && !seen.add(field)) {
                    throw JsonCursor.fail("body", "duplicate field " + JsonSupport.quote(field));
                }
                switch (field) {
                    case "id" -> id = in.readString("id", true);
                    case "parameters" -> {
                        parameters = in.readParameters("parameters");
                        requireFlag(parameters, BinaryTensors.ALL_OUTPUTS_PARAMETER, "parameters");
                    }
                    case "inputs" -> inputs = readInputs(in);
                    case "outputs" -> outputs = readOutputs(in);
                    default -> in.skipValue();
                }
            }
            in.closeRoot();
            if (inputs == null) {
                throw JsonCursor.fail("inputs", "expected a non-empty array");
            }
            int start = jsonLength < 0 ? -1 : offset + jsonLength;
            List<InferInput> decoded = new ArrayList<>(inputs.size());
            for (TensorReader.Tensor tensor : BinarySection.fill(inputs, "inputs", body, start, offset + length, json)) {
                decoded.add(tensor.toInput());
            }
            return new InferenceRequest(id, parameters, decoded, outputs);
        }
    }

    private static List<TensorReader.Tensor> readInputs(JsonCursor in) {
        if (in.parser().currentToken() != JsonToken.START_ARRAY) {
            throw JsonCursor.fail("inputs", "expected a non-empty array");
        }
        List<TensorReader.Tensor> inputs = new ArrayList<>(4);
        Set<String> names = new HashSet<>(8);
        for (JsonToken t = in.next(); t != JsonToken.END_ARRAY; t = in.next()) {
            String path = "inputs[" + inputs.size() + ']';
            TensorReader.Tensor tensor = TensorReader.read(in, path);
            if (!names.add(tensor.name())) {
                throw JsonCursor.fail(path + ".name", "duplicate input " + JsonSupport.quote(tensor.name()));
            }
            inputs.add(tensor);
        }
        if (inputs.isEmpty()) {
            throw JsonCursor.fail("inputs", "expected a non-empty array");
        }
        return inputs;
    }

    private static List<RequestedOutput> readOutputs(JsonCursor in) {
        JsonToken start = in.parser().currentToken();
        if (start == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (start != JsonToken.START_ARRAY) {
            throw JsonCursor.fail("outputs", "expected an array");
        }
        List<RequestedOutput> outputs = new ArrayList<>(2);
        Set<String> names = new HashSet<>(4);
        for (JsonToken t = in.next(); t != JsonToken.END_ARRAY; t = in.next()) {
            String path = "outputs[" + outputs.size() + ']';
            RequestedOutput output = readOutput(in, path);
            if (!names.add(output.name())) {
                throw JsonCursor.fail(path + ".name", "duplicate output " + JsonSupport.quote(output.name()));
            }
            outputs.add(output);
        }
        return outputs;
    }

    private static RequestedOutput readOutput(JsonCursor in, String path) {
        if (in.parser().currentToken() != JsonToken.START_OBJECT) {
            throw JsonCursor.fail(path, "expected an object");
        }
        String name = null;
        Map<String, Object> parameters = null;
        for (String field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case "name" -> {
                    if (name != null) {
                        throw JsonCursor.fail(path, "duplicate field \"name\"");
                    }
                    name = in.readName(path + ".name");
                }
                case "parameters" -> {
                    if (parameters != null) {
                        throw JsonCursor.fail(path, "duplicate field \"parameters\"");
                    }
                    parameters = in.readParameters(path + ".parameters");
                    requireFlag(parameters, BinaryTensors.OUTPUT_PARAMETER, path + ".parameters");
                }
                default -> in.skipValue();
            }
        }
        if (name == null) {
            throw JsonCursor.fail(path, "missing \"name\"");
        }
        return new RequestedOutput(name, parameters);
    }

    /** The binary-output flags are booleans; anything else is a mistake worth naming. */
    private static void requireFlag(Map<String, Object> parameters, String key, String path) {
        Object flag = parameters.get(key);
        if (flag != null && !(flag instanceof Boolean)) {
            throw JsonCursor.fail(path + '.' + key, JsonSupport.echo(String.valueOf(flag)) + " (expected: true or false)");
        }
    }
}
