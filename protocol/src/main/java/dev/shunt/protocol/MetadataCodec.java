package dev.shunt.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads the small JSON documents around inference: server and model metadata, tensor
 * metadata and error bodies. Reading goes through a tree; these bodies are small.
 */
final class MetadataCodec {

    private MetadataCodec() {}

    static byte[] encode(JsonFactory factory, Object value) {
        if (value instanceof ServerMetadata s) {
            return MessageWriter.write(factory, 128, g -> {
                g.writeStartObject();
                g.writeStringField("name", s.name());
                g.writeStringField("version", s.version());
                writeStrings(g, "extensions", s.extensions());
                g.writeEndObject();
            });
        }
        if (value instanceof ModelMetadata m) {
            return MessageWriter.write(factory, 512, g -> {
                g.writeStartObject();
                g.writeStringField("name", m.name());
                writeStrings(g, "versions", m.versions());
                g.writeStringField("platform", m.platform());
                writeTensors(g, "inputs", m.inputs());
                writeTensors(g, "outputs", m.outputs());
                MessageWriter.writeParameters(g, m.parameters());
                g.writeEndObject();
            });
        }
        if (value instanceof ErrorBody e) {
            return MessageWriter.write(factory, 128, g -> {
                g.writeStartObject();
                g.writeStringField("error", e.error());
                g.writeEndObject();
            });
        }
        if (value instanceof TensorMetadata t) {
            return MessageWriter.write(factory, 128, g -> writeTensor(g, t));
        }
        throw new IllegalArgumentException("value: " + (value == null ? null : value.getClass().getName())
                + " (expected: ServerMetadata, ModelMetadata, ErrorBody, TensorMetadata,"
                + " InferenceRequest or InferenceResponse)");
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void writeTensors(JsonGenerator g, String field, List<TensorMetadata> tensors) throws IOException {
        g.writeArrayFieldStart(field);
        for (TensorMetadata t : tensors) {
            writeTensor(g, t);
        }
        g.writeEndArray();
    }

    private static void writeTensor(JsonGenerator g, TensorMetadata t) throws IOException {
        long[] shape = t.shape();
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeStringField("datatype", t.datatype().name());
        g.writeFieldName("shape");
        g.writeArray(shape, 0, shape.length);
        g.writeEndObject();
    }

    static ModelMetadata decodeModel(ObjectMapper mapper, byte[] body) {
        String root = "model_metadata";
        JsonNode node = readRoot(mapper, body, root);
        String platform = optionalText(node, "platform", root);
        return new ModelMetadata(
                text(node, "name", root),
                strings(node, "versions", root),
                platform == null ? "" : platform,
                tensors(node, "inputs", root),
                tensors(node, "outputs", root),
                parameters(mapper, node.get("parameters"), root + ".parameters"));
    }

    static ServerMetadata decodeServer(ObjectMapper mapper, byte[] body) {
        String root = "server_metadata";
        JsonNode node = readRoot(mapper, body, root);
        return new ServerMetadata(text(node, "name", root), text(node, "version", root), strings(node, "extensions", root));
    }

    static ErrorBody decodeError(ObjectMapper mapper, byte[] body) {
        String root = "error_body";
        return new ErrorBody(text(readRoot(mapper, body, root), "error", root));
    }

    private static JsonNode readRoot(ObjectMapper mapper, byte[] body, String root) {
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (IOException e) {
            throw JsonSupport.notJson(root, e);
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidRequestException(root + ": empty");
        }
        if (!node.isObject()) {
            throw new InvalidRequestException(root + ": expected a JSON object");
        }
        return node;
    }

    private static String text(JsonNode parent, String field, String path) {
        String s = optionalText(parent, field, path);
        if (s == null) {
            throw JsonCursor.fail(path, "missing \"" + field + '"');
        }
        return s;
    }

    private static String optionalText(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw JsonCursor.fail(path + '.' + field, "expected a string");
        }
        return n.textValue();
    }

    private static List<String> strings(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw JsonCursor.fail(path + '.' + field, "expected an array of strings");
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw JsonCursor.fail(path + '.' + field, "expected an array of strings");
            }
            out.add(e.textValue());
        }
        return out;
    }

    private static List<TensorMetadata> tensors(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isArray()) {
            throw JsonCursor.fail(path + '.' + field, "expected an array");
        }
        List<TensorMetadata> out = new ArrayList<>(n.size());
        for (JsonNode t : n) {
            String tp = path + '.' + field + '[' + out.size() + ']';
            if (!t.isObject()) {
                throw JsonCursor.fail(tp, "expected an object");
            }
            String wire = text(t, "datatype", tp);
            Datatype datatype = Datatype.parse(wire).orElseThrow(
                    () -> JsonCursor.fail(tp + ".datatype", JsonSupport.quote(wire) + " is not a datatype"));
            out.add(new TensorMetadata(text(t, "name", tp), datatype, shape(t.get("shape"), tp + ".shape")));
        }
        return out;
    }

    private static long[] shape(JsonNode n, String path) {
        if (n == null || !n.isArray() || n.size() > 16) {
            throw JsonCursor.fail(path, "expected an array of at most 16 integers >= -1");
        }
        long[] shape = new long[n.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = n.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.longValue() < -1) {
                throw JsonCursor.fail(path, "expected an array of at most 16 integers >= -1");
            }
            shape[i] = d.longValue();
        }
        return shape;
    }

    /** Scalars as in requests (integers as {@link Long}); nested values as plain maps and lists. */
    private static Map<String, Object> parameters(ObjectMapper mapper, JsonNode n, String path) {
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw JsonCursor.fail(path, "expected an object");
        }
        Map<String, Object> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            Object value;
            if (v.isTextual()) {
                value = v.textValue();
            } else if (v.isBoolean()) {
                value = v.booleanValue();
            } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                value = v.longValue();
            } else if (v.isNumber()) {
                value = v.doubleValue();
            } else if (v.isContainerNode()) {
                value = mapper.convertValue(v, Object.class);
            } else {
                throw JsonCursor.fail(path + '.' + e.getKey(), "expected a value, not null");
            }
            out.put(e.getKey(), value);
        }
        return out;
    }
}
