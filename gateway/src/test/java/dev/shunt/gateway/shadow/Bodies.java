package dev.shunt.gateway.shadow;

import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.InferenceResponse;
import dev.shunt.protocol.TensorData;
import java.util.List;
import java.util.Map;

/** Inference response bodies for tests, encoded by the real codec. */
final class Bodies {

    private static final InferenceCodec CODEC = new InferenceCodec();

    private Bodies() {}

    static byte[] response(InferOutput... outputs) {
        return CODEC.encodeResponse(new InferenceResponse("m", "1", "r-1", Map.of(), List.of(outputs)));
    }

    static InferOutput fp32(String name, long[] shape, float... values) {
        return InferOutput.of(name, shape, Datatype.FP32, new TensorData.Floats(values));
    }

    static InferOutput fp64(String name, long[] shape, double... values) {
        return InferOutput.of(name, shape, Datatype.FP64, new TensorData.Doubles(values));
    }

    static InferOutput int64(String name, long[] shape, long... values) {
        return InferOutput.of(name, shape, Datatype.INT64, new TensorData.Longs(values));
    }

    static InferOutput bytes(String name, String... values) {
        return InferOutput.of(name, new long[] {values.length}, Datatype.BYTES, TensorData.Bytes.ofStrings(List.of(values)));
    }

    static long[] shape(long... dims) {
        return dims;
    }
}
