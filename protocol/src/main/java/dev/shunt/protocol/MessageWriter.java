package dev.shunt.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes requests and responses with a {@link JsonGenerator}; tensors as flat {@code data} arrays. */
final class MessageWriter {

    private static final int MAX_INITIAL_BUFFER = 1 << 24;

    private MessageWriter() {}

    /** What to write with the generator {@link #write} opens. */
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** Runs {@code body} against a fresh generator and returns what it wrote. */
    static byte[] write(JsonFactory factory, int sizeHint, Body body) {
        ByteArrayBuilder out = new ByteArrayBuilder(Math.max(256, Math.min(sizeHint, MAX_INITIAL_BUFFER)));
        try (JsonGenerator g = factory.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            // Writing to memory does not fail: only a parameter value Jackson cannot serialize gets here.
            throw new IllegalArgumentException("parameters: a value cannot be written as JSON (" + e.getMessage() + ')', e);
        }
        return out.toByteArray();
    }

    static byte[] writeResponse(JsonFactory factory, InferenceResponse response) {
        return write(factory, outputHint(response.outputs()), g -> {
            g.writeStartObject();
            g.writeStringField("model_name", response.modelName());
            if (response.modelVersion() != null) {
                g.writeStringField("model_version", response.modelVersion());
            }
            if (response.id() != null) {
                g.writeStringField("id", response.id());
            }
            writeParameters(g, response.parameters());
            g.writeArrayFieldStart("outputs");
            for (InferOutput o : response.outputs()) {
                writeTensor(g, o.name(), o.datatype(), o.shape(), o.parameters(), o.data());
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static byte[] writeRequest(JsonFactory factory, InferenceRequest request) {
        return write(factory, inputHint(request.inputs()), g -> {
            g.writeStartObject();
            if (request.id() != null) {
                g.writeStringField("id", request.id());
            }
            writeParameters(g, request.parameters());
            g.writeArrayFieldStart("inputs");
            for (InferInput i : request.inputs()) {
                writeTensor(g, i.name(), i.datatype(), i.shape(), i.parameters(), i.data());
            }
            g.writeEndArray();
            if (!request.outputs().isEmpty()) {
                g.writeArrayFieldStart("outputs");
                for (RequestedOutput o : request.outputs()) {
                    g.writeStartObject();
                    g.writeStringField("name", o.name());
                    writeParameters(g, o.parameters());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    private static void writeTensor(JsonGenerator g, String name, Datatype datatype, long[] shape,
                                    Map<String, Object> parameters, TensorData data) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("datatype", datatype.name());
        g.writeFieldName("shape");
        g.writeArray(shape, 0, shape.length);
        writeParameters(g, parameters);
        g.writeFieldName("data");
        writeData(g, data);
        g.writeEndObject();
    }

    private static void writeData(JsonGenerator g, TensorData data) throws IOException {
        if (data instanceof TensorData.Floats f) {
            float[] v = f.values();
            g.writeStartArray(v, v.length);
            for (float x : v) {
                g.writeNumber(x);
            }
            g.writeEndArray();
        } else if (data instanceof TensorData.Doubles d) {
            g.writeArray(d.values(), 0, d.values().length);
        } else if (data instanceof TensorData.Longs l) {
            g.writeArray(l.values(), 0, l.values().length);
        } else if (data instanceof TensorData.Bools b) {
            boolean[] v = b.values();
            g.writeStartArray(v, v.length);
            for (boolean x : v) {
                g.writeBoolean(x);
            }
            g.writeEndArray();
        } else {
            List<String> v = ((TensorData.Strings) data).values();
            g.writeStartArray(v, v.size());
            for (String x : v) {
                g.writeString(x);
            }
            g.writeEndArray();
        }
    }

    /** {@code "parameters": {...}} with keys sorted, or nothing when there are none. */
    static void writeParameters(JsonGenerator g, Map<String, Object> parameters) throws IOException {
        if (parameters.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("parameters");
        for (Map.Entry<String, Object> e : new TreeMap<>(parameters).entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** Scalars directly; anything else through the factory's object mapper. */
    static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            g.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else {
            g.writeObject(value);
        }
    }

    private static int inputHint(List<InferInput> inputs) {
        long bytes = 128;
        for (InferInput i : inputs) {
            bytes += 128 + 12L * i.data().size();
        }
        return (int) Math.min(bytes, MAX_INITIAL_BUFFER);
    }

    private static int outputHint(List<InferOutput> outputs) {
        long bytes = 128;
        for (InferOutput o : outputs) {
            bytes += 128 + 12L * o.data().size();
        }
        return (int) Math.min(bytes, MAX_INITIAL_BUFFER);
    }
}
