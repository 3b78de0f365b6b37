package dev.shunt.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams an inference response body, JSON alone or with binary outputs, into an
 * {@link InferenceResponse}; paths start with {@code response.}.
 */
final class ResponseDecoder {

    private static final Set<String> KNOWN_FIELDS =
            Set.of("model_name", "model_version", "id", "parameters", "outputs");

    private ResponseDecoder() {}

    /** @param jsonLength the JSON header's length when the body has binary outputs; -1 when it is JSON alone */
    static InferenceResponse decode(JsonFactory factory, byte[] body, int jsonLength) {
        if (jsonLength > body.length) {
            throw new InvalidRequestException("response: " + BinaryTensors.HEADER_LENGTH + " "
                    + BinaryTensors.pastTheEnd(jsonLength, body.length));
        }
        int json = jsonLength < 0 ? body.length : jsonLength;
        try (JsonCursor in = JsonCursor.open(factory, body, 0, json, "response")) {
            in.openRoot();
            String modelName = null;
            String modelVersion = null;
            String id = null;
            Map<String, Object> parameters = Map.of();
            List<TensorReader.Tensor> outputs = null;
            Set<String> seen = new HashSet<>(8);
            for (String field = in.nextField(); field != null; field = in.nextField()) {
                if (KNOWN_FIELDS.contains(field) && !seen.add(field)) {
                    throw JsonCursor.fail("response", "duplicate field " + JsonSupport.quote(field));
                }
                switch (field) {
                    case "model_name" -> modelName = in.readName("response.model_name");
                    case "model_version" -> modelVersion = in.readString("response.model_version", true);
                    case "id" -> id = in.readString("response.id", true);
                    case "parameters" -> parameters = in.readParameters("response.parameters");
                    case "outputs" -> outputs = readOutputs(in);
                    default -> in.skipValue();
                }
            }
            in.closeRoot();
            if (modelName == null) {
                throw JsonCursor.fail("response", "missing \"model_name\"");
            }
            if (outputs == null) {
                throw JsonCursor.fail("response", "missing \"outputs\"");
            }
            List<InferOutput> decoded = new ArrayList<>(outputs.size());
            for (TensorReader.Tensor tensor : BinarySection.fill(outputs, "response.outputs", body,
                    jsonLength < 0 ? -1 : jsonLength, body.length, json)) {
                decoded.add(tensor.toOutput());
            }
            return new InferenceResponse(modelName, modelVersion, id, parameters, decoded);
        }
    }

    private static List<TensorReader.Tensor> readOutputs(JsonCursor in) {
        if (in.parser().currentToken() != JsonToken.START_ARRAY) {
            throw JsonCursor.fail("response.outputs", "expected an array");
        }
        List<TensorReader.Tensor> outputs = new ArrayList<>(2);
        Set<String> names = new HashSet<>(4);
        for (JsonToken t = in.next(); t != JsonToken.END_ARRAY; t = in.next()) {
            String path = "response.outputs[" + outputs.size() + ']';
            TensorReader.Tensor tensor = TensorReader.read(in, path);
            if (!names.add(tensor.name())) {
                throw JsonCursor.fail(path + ".name", "duplicate output " + JsonSupport.quote(tensor.name()));
            }
            outputs.add(tensor);
        }
        return outputs;
    }
}
