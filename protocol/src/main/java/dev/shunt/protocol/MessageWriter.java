package dev.shunt.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Writes requests and responses with a {@link JsonGenerator}: tensors as flat {@code data} arrays, or,
 * for those chosen to go in binary, as {@code binary_data_size} in the JSON and their bytes after it.
 */
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
        return writeResponse(factory, response, name -> false).bytes();
    }

    static EncodedMessage writeResponse(JsonFactory factory, InferenceResponse response, Predicate<String> binary) {
        List<InferOutput> outputs = response.outputs();
        boolean[] chosen = chosen(outputs, InferOutput::name, binary);
        byte[] json = write(factory, any(chosen) ? 512 : outputHint(outputs), g -> {
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
            for (int i = 0; i < chosen.length; i++) {
                InferOutput o = outputs.get(i);
                writeTensor(g, o.name(), o.datatype(), o.shape(), o.parameters(), o.data(), chosen[i]);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        return withBinary(json, outputs, chosen, InferOutput::datatype, InferOutput::data);
    }

    static byte[] writeRequest(JsonFactory factory, InferenceRequest request) {
        return writeRequest(factory, request, name -> false).bytes();
    }

    static EncodedMessage writeRequest(JsonFactory factory, InferenceRequest request, Predicate<String> binary) {
        List<InferInput> inputs = request.inputs();
        boolean[] chosen = chosen(inputs, InferInput::name, binary);
        byte[] json = write(factory, any(chosen) ? 512 : inputHint(inputs), g -> {
            g.writeStartObject();
            if (request.id() != null) {
                g.writeStringField("id", request.id());
            }
            writeParameters(g, request.parameters());
            g.writeArrayFieldStart("inputs");
            for (int i = 0; i < chosen.length; i++) {
                InferInput in = inputs.get(i);
                writeTensor(g, in.name(), in.datatype(), in.shape(), in.parameters(), in.data(), chosen[i]);
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
        return withBinary(json, inputs, chosen, InferInput::datatype, InferInput::data);
    }

    /** Which of {@code tensors} go in the binary part, by name. */
    private static <T> boolean[] chosen(List<T> tensors, Function<T, String> name, Predicate<String> binary) {
        boolean[] chosen = new boolean[tensors.size()];
        for (int i = 0; i < chosen.length; i++) {
            chosen[i] = binary.test(name.apply(tensors.get(i)));
        }
        return chosen;
    }

    private static boolean any(boolean[] chosen) {
        for (boolean c : chosen) {
            if (c) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JSON header followed by the chosen tensors' bytes, in one array, in the order the JSON lists
     * them; the JSON alone when none is chosen.
     */
    private static <T> EncodedMessage withBinary(byte[] json, List<T> tensors, boolean[] chosen,
            Function<T, Datatype> type, Function<T, TensorData> elements) {
        if (!any(chosen)) {
            return EncodedMessage.json(json);
        }
        List<Datatype> types = new ArrayList<>();
        List<TensorData> data = new ArrayList<>();
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i]) {
                types.add(type.apply(tensors.get(i)));
                data.add(elements.apply(tensors.get(i)));
            }
        }
        long total = json.length;
        for (int i = 0; i < data.size(); i++) {
            total += BinaryData.size(types.get(i), data.get(i));
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("message: " + total + " bytes (expected: < 2 GiB)");
        }
        byte[] out = new byte[(int) total];
        System.arraycopy(json, 0, out, 0, json.length);
        ByteBuffer buffer = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(json.length);
        for (int i = 0; i < data.size(); i++) {
            BinaryData.write(types.get(i), data.get(i), buffer);
        }
        return new EncodedMessage(out, json.length);
    }

    private static void writeTensor(JsonGenerator g, String name, Datatype datatype, long[] shape,
                                    Map<String, Object> parameters, TensorData data, boolean binary) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("datatype", datatype.name());
        g.writeFieldName("shape");
        g.writeArray(shape, 0, shape.length);
        if (binary) {
            Map<String, Object> withSize = new HashMap<>(parameters);
            withSize.put(BinaryTensors.SIZE_PARAMETER, BinaryData.size(datatype, data));
            writeParameters(g, withSize);
        } else {
            writeParameters(g, parameters);
            g.writeFieldName("data");
            writeData(g, data);
        }
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
            List<byte[]> v = ((TensorData.Bytes) data).values();
            g.writeStartArray(v, v.size());
            for (byte[] x : v) {
                g.writeString(new String(x, java.nio.charset.StandardCharsets.UTF_8));
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
