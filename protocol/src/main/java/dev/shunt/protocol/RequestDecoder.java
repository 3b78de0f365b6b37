package dev.shunt.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Streams an inference request body into an {@link InferenceRequest}. */
final class RequestDecoder {

    private static final Set<String> KNOWN_FIELDS = Set.of("id", "parameters", "inputs", "outputs");

    private RequestDecoder() {}

    static InferenceRequest decode(JsonFactory factory, byte[] body, int offset, int length) {
        try (JsonCursor in = JsonCursor.open(factory, body, offset, length, "body")) {
            in.openRoot();
            String id = null;
            Map<String, Object> parameters = Map.of();
            List<InferInput> inputs = null;
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
                        rejectBinaryFlag(parameters, "parameters.binary_data_output");
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
            return new InferenceRequest(id, parameters, inputs, outputs);
        }
    }

    private static List<InferInput> readInputs(JsonCursor in) {
        if (in.parser().currentToken() != JsonToken.START_ARRAY) {
            throw JsonCursor.fail("inputs", "expected a non-empty array");
        }
        List<InferInput> inputs = new ArrayList<>(4);
        Set<String> names = new HashSet<>(8);
        for (JsonToken t = in.next(); t != JsonToken.END_ARRAY; t = in.next()) {
            String path = "inputs[" + inputs.size() + ']';
            TensorReader.Tensor tensor = TensorReader.read(in, path);
            if (!names.add(tensor.name())) {
                throw JsonCursor.fail(path + ".name", "duplicate input " + JsonSupport.quote(tensor.name()));
            }
            inputs.add(tensor.toInput());
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
                    rejectBinaryFlag(parameters, path + ".parameters.binary_data");
                }
                default -> in.skipValue();
            }
        }
        if (name == null) {
            throw JsonCursor.fail(path, "missing \"name\"");
        }
        return new RequestedOutput(name, parameters);
    }

    /** Asking for binary outputs ({@code true}) is the binary extension; {@code false} is harmless. */
    private static void rejectBinaryFlag(Map<String, Object> parameters, String path) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        if (Boolean.TRUE.equals(parameters.get(key))) {
            throw JsonCursor.fail(path, TensorReader.BINARY_UNSUPPORTED);
        }
    }
}
