package dev.shunt.protocol;

import static dev.shunt.protocol.Json.q;
import static dev.shunt.protocol.Json.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InferenceCodecTest {

    private final InferenceCodec codec = new InferenceCodec();

    @Test
    void decodesAFullRequest() {
        InferenceRequest r = codec.decodeRequest(q("""
                {'id':'r1','parameters':{'timeout':5000,'priority':'high','sample':0.5,'trace':true},
                 'inputs':[{'name':'input','shape':[2,3],'datatype':'FP32','parameters':{'layout':'NC'},
                            'data':[1,2.5,-3,4e-1,5,6]}],
                 'outputs':[{'name':'output','parameters':{'classification':2}}]}"""));

        assertThat(r.id()).isEqualTo("r1");
        assertThat(r.parameters()).isEqualTo(Map.of("timeout", 5000L, "priority", "high", "sample", 0.5, "trace", true));
        assertThat(r.inputs()).containsExactly(new InferInput("input", new long[] {2, 3}, Datatype.FP32,
                Map.of("layout", "NC"), new TensorData.Floats(new float[] {1, 2.5f, -3, 0.4f, 5, 6})));
        assertThat(r.outputs()).containsExactly(new RequestedOutput("output", Map.of("classification", 2L)));
    }

    @Test
    void nestedDataFlattensRowMajorLikeFlatData() {
        InferenceRequest flat = codec.decodeRequest(q(
                "{'inputs':[{'name':'x','shape':[2,2,2],'datatype':'INT32','data':[1,2,3,4,5,6,7,8]}]}"));
        InferenceRequest nested = codec.decodeRequest(q(
                "{'inputs':[{'name':'x','shape':[2,2,2],'datatype':'INT32','data':[[[1,2],[3,4]],[[5,6],[7,8]]]}]}"));

        assertThat(nested).isEqualTo(flat);
        assertThat(((TensorData.Longs) nested.inputs().get(0).data()).values()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void keysMayComeInAnyOrder() {
        InferInput expected = InferInput.of("x", new long[] {1, 3}, Datatype.FP64, new TensorData.Doubles(new double[] {1, 2, 3}));
        List<String> bodies = List.of(
                "{'inputs':[{'name':'x','datatype':'FP64','shape':[1,3],'data':[1,2,3]}]}",
                "{'inputs':[{'data':[1,2,3],'shape':[1,3],'datatype':'FP64','name':'x'}]}",
                "{'inputs':[{'datatype':'FP64','data':[[1,2,3]],'name':'x','shape':[1,3]}]}",
                "{'inputs':[{'shape':[1,3],'data':[1,2,3],'datatype':'FP64','name':'x'}]}");
        for (String body : bodies) {
            assertThat(codec.decodeRequest(q(body)).inputs()).as(body).containsExactly(expected);
        }
    }

    @Test
    void dataBeforeDatatypeIsStillTypeChecked() {
        assertThatInvalid("{'inputs':[{'data':[1,2,1.5],'shape':[3],'name':'x','datatype':'INT8'}]}")
                .isEqualTo("inputs[0].data[2]: 1.5 is not an integer (expected: an integer for INT8)");
    }

    @Test
    void decodesEveryDatatype() {
        InferenceRequest r = codec.decodeRequest(q("""
                {'inputs':[
                 {'name':'b','shape':[2],'datatype':'BOOL','data':[true,false]},
                 {'name':'u8','shape':[2],'datatype':'UINT8','data':[0,255]},
                 {'name':'u32','shape':[1],'datatype':'UINT32','data':[4294967295]},
                 {'name':'u64','shape':[1],'datatype':'UINT64','data':[9223372036854775807]},
                 {'name':'i8','shape':[2],'datatype':'INT8','data':[-128,127]},
                 {'name':'i16','shape':[1],'datatype':'INT16','data':[-32768]},
                 {'name':'i64','shape':[1],'datatype':'INT64','data':[-9223372036854775808]},
                 {'name':'f16','shape':[1],'datatype':'FP16','data':[65504]},
                 {'name':'f64','shape':[1],'datatype':'FP64','data':[1e300]},
                 {'name':'s','shape':[2],'datatype':'BYTES','data':['a','\\u00e9']}]}"""));

        assertThat(r.inputs()).extracting(InferInput::data).containsExactly(
                new TensorData.Bools(new boolean[] {true, false}),
                new TensorData.Longs(new long[] {0, 255}),
                new TensorData.Longs(new long[] {4294967295L}),
                new TensorData.Longs(new long[] {Long.MAX_VALUE}),
                new TensorData.Longs(new long[] {-128, 127}),
                new TensorData.Longs(new long[] {-32768}),
                new TensorData.Longs(new long[] {Long.MIN_VALUE}),
                new TensorData.Floats(new float[] {65504}),
                new TensorData.Doubles(new double[] {1e300}),
                TensorData.Bytes.ofStrings(List.of("a", "é")));
    }

    @Test
    void scalarShapeAndEmptyTensor() {
        InferenceRequest r = codec.decodeRequest(q("""
                {'inputs':[{'name':'s','shape':[],'datatype':'FP32','data':[7]},
                           {'name':'e','shape':[0,4],'datatype':'FP32','data':[]}]}"""));

        assertThat(r.inputs().get(0).data()).isEqualTo(new TensorData.Floats(new float[] {7}));
        assertThat(r.inputs().get(1).data().size()).isZero();
    }

    @Test
    void ignoresUnknownFieldsAtEveryLevel() {
        InferenceRequest r = codec.decodeRequest(q("""
                {'extra':{'deep':[1,[2,{'x':null}]]},'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1],
                 'comment':'hi'}],'outputs':[{'name':'y','other':[1]}],'zzz':null}"""));

        assertThat(r.inputs()).hasSize(1);
        assertThat(r.outputs()).containsExactly(new RequestedOutput("y", Map.of()));
        assertThat(r.id()).isNull();
        assertThat(r.parameters()).isEmpty();
    }

    @Test
    void decodesASliceOfALargerBuffer() {
        byte[] body = q("{'inputs':[{'name':'x','shape':[2],'datatype':'FP32','data':[1,2]}]}");
        byte[] buffer = new byte[body.length + 20];
        java.util.Arrays.fill(buffer, (byte) '#');
        System.arraycopy(body, 0, buffer, 10, body.length);

        assertThat(codec.decodeRequest(buffer, 10, body.length)).isEqualTo(codec.decodeRequest(body));
    }

    @Test
    void deferredDataInASliceReadsTheRightBytes() {
        byte[] body = q("{'inputs':[{'name':'x','data':[[1,2],[3,4]],'shape':[2,2],'datatype':'UINT16'}]}");
        byte[] buffer = new byte[body.length + 7];
        System.arraycopy(body, 0, buffer, 7, body.length);

        assertThat(codec.decodeRequest(buffer, 7, body.length).inputs().get(0).data())
                .isEqualTo(new TensorData.Longs(new long[] {1, 2, 3, 4}));
    }

    @Test
    void deferredDataAfterAByteOrderMark() {
        byte[] body = q("\uFEFF{'inputs':[{'name':'x','data':[5,6],'shape':[2],'datatype':'INT8'}]}");

        assertThat(codec.decodeRequest(body).inputs().get(0).data()).isEqualTo(new TensorData.Longs(new long[] {5, 6}));
    }

    @Test
    void requestRoundTripsThroughEncodeRequest() {
        InferenceRequest request = new InferenceRequest("id-1", Map.of("timeout", 10L, "mode", "fast"),
                List.of(new InferInput("a", new long[] {2, 2}, Datatype.FP32, Map.of("k", true),
                                new TensorData.Floats(new float[] {0.1f, -2.5e-8f, Float.MAX_VALUE, Float.MIN_VALUE})),
                        InferInput.of("b", new long[] {3}, Datatype.INT64, new TensorData.Longs(new long[] {Long.MIN_VALUE, 0, 7})),
                        InferInput.of("c", new long[] {1}, Datatype.FP64, new TensorData.Doubles(new double[] {Math.PI})),
                        InferInput.of("d", new long[] {2}, Datatype.BOOL, new TensorData.Bools(new boolean[] {false, true})),
                        InferInput.of("e", new long[] {2}, Datatype.BYTES, TensorData.Bytes.ofStrings(List.of("x\"y", "\n")))),
                List.of(new RequestedOutput("out", Map.of("top_k", 3L))));

        assertThat(codec.decodeRequest(codec.encodeRequest(request))).isEqualTo(request);
    }

    @Test
    void encodesAResponseCompactly() {
        InferenceResponse response = new InferenceResponse("mlp", null, null, Map.of(), List.of(
                InferOutput.of("output", new long[] {1, 3}, Datatype.FP32, new TensorData.Floats(new float[] {0.5f, -1, 3.25f}))));

        assertThat(str(codec.encodeResponse(response))).isEqualTo(str(q(
                "{'model_name':'mlp','outputs':[{'name':'output','datatype':'FP32','shape':[1,3],'data':[0.5,-1.0,3.25]}]}")));
    }

    @Test
    void encodesEveryResponseField() {
        InferenceResponse response = new InferenceResponse("mlp", "2", "r-9", Map.of("b", 1L, "a", "x"), List.of(
                new InferOutput("o", new long[] {2}, Datatype.INT32, Map.of("p", false), new TensorData.Longs(new long[] {1, -2}))));

        assertThat(str(codec.encodeResponse(response))).isEqualTo(str(q(
                "{'model_name':'mlp','model_version':'2','id':'r-9','parameters':{'a':'x','b':1},"
                        + "'outputs':[{'name':'o','datatype':'INT32','shape':[2],'parameters':{'p':false},'data':[1,-2]}]}")));
        assertThat(codec.decodeResponse(codec.encodeResponse(response))).isEqualTo(response);
    }

    @Test
    void nonFiniteFloatsRoundTrip() {
        InferenceResponse response = new InferenceResponse("m", "1", null, Map.of(), List.of(
                InferOutput.of("f", new long[] {3}, Datatype.FP32,
                        new TensorData.Floats(new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})),
                InferOutput.of("d", new long[] {1}, Datatype.FP64, new TensorData.Doubles(new double[] {Double.NaN}))));

        byte[] body = codec.encodeResponse(response);

        assertThat(str(body)).contains("[\"NaN\",\"Infinity\",\"-Infinity\"]");
        assertThat(codec.decodeResponse(body)).isEqualTo(response);
    }

    @Test
    void randomFloatsRoundTripBitForBit() {
        Random random = new Random(42);
        float[] values = new float[20_000];
        for (int i = 0; i < values.length; i++) {
            float f;
            do {
                f = Float.intBitsToFloat(random.nextInt());
            } while (!Float.isFinite(f));
            values[i] = f;
        }
        InferenceResponse response = new InferenceResponse("m", null, null, Map.of(), List.of(
                InferOutput.of("o", new long[] {values.length}, Datatype.FP32, new TensorData.Floats(values))));

        TensorData decoded = codec.decodeResponse(codec.encodeResponse(response)).outputs().get(0).data();

        assertThat(((TensorData.Floats) decoded).values()).isEqualTo(values);
    }

    @Test
    void decodesAResponseFromAnotherServer() {
        InferenceResponse r = codec.decodeResponse(q("""
                {'id':null,'model_name':'mlp','model_version':'1','extra':{},
                 'outputs':[{'name':'out','datatype':'FP16','shape':[1,2],'data':[[0.5,1]]}]}"""));

        assertThat(r).isEqualTo(new InferenceResponse("mlp", "1", null, Map.of(), List.of(
                InferOutput.of("out", new long[] {1, 2}, Datatype.FP16, new TensorData.Floats(new float[] {0.5f, 1})))));
    }

    @Test
    void encodeJsonAlsoTakesRequestsAndResponses() {
        InferenceRequest request = new InferenceRequest(null, null, List.of(
                InferInput.of("x", new long[] {1}, Datatype.UINT8, new TensorData.Longs(new long[] {9}))), null);

        assertThat(new String(codec.encodeJson(request), StandardCharsets.UTF_8)).isEqualTo(str(q(
                "{'inputs':[{'name':'x','datatype':'UINT8','shape':[1],'data':[9]}]}")));
    }

    private org.assertj.core.api.AbstractStringAssert<?> assertThatInvalid(String singleQuoted) {
        try {
            codec.decodeRequest(q(singleQuoted));
        } catch (InvalidRequestException e) {
            return assertThat(e.getMessage());
        }
        throw new AssertionError("accepted: " + singleQuoted);
    }
}
