package dev.shunt.protocol;

import static dev.shunt.protocol.Json.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Triton's binary tensor data extension, from the examples and rules of its specification. */
class BinaryTensorDataTest {

    private final InferenceCodec codec = new InferenceCodec();

    /** The specification's request: a UINT32 [2,2] and a BOOL [3] input in binary, output0 asked in binary. */
    static byte[] specRequestJson() {
        return q("{'model_name':'mymodel','inputs':["
                + "{'name':'input0','shape':[2,2],'datatype':'UINT32','parameters':{'binary_data_size':16}},"
                + "{'name':'input1','shape':[3],'datatype':'BOOL','parameters':{'binary_data_size':3}}],"
                + "'outputs':[{'name':'output0','parameters':{'binary_data':true}},{'name':'output1'}]}");
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] uint32s(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    @Test
    void decodesTheSpecificationsExampleRequest() {
        byte[] json = specRequestJson();
        byte[] body = concat(json, uint32s(0, 1, 2, -1), new byte[] {1, 0, 1});

        InferenceRequest r = codec.decodeRequest(body, 0, body.length, json.length);

        assertThat(r.inputs().get(0).data()).isEqualTo(new TensorData.Longs(new long[] {0, 1, 2, 0xFFFF_FFFFL}));
        assertThat(r.inputs().get(0).parameters()).as("the size is a detail of the transfer").isEmpty();
        assertThat(r.inputs().get(1).data()).isEqualTo(new TensorData.Bools(new boolean[] {true, false, true}));
        assertThat(BinaryTensors.wantsBinary(r, "output0")).isTrue();
        assertThat(BinaryTensors.wantsBinary(r, "output1")).isFalse();
    }

    @Test
    void binaryDataOutputAppliesToOutputsThatDoNotSayOtherwise() {
        InferenceRequest r = codec.decodeRequest(q("{'parameters':{'binary_data_output':true},"
                + "'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1]}],"
                + "'outputs':[{'name':'a'},{'name':'b','parameters':{'binary_data':false}}]}"));

        assertThat(BinaryTensors.wantsBinary(r, "a")).isTrue();
        assertThat(BinaryTensors.wantsBinary(r, "b")).isFalse();
        assertThat(BinaryTensors.wantsBinary(r, "unnamed")).as("all outputs, when none are named").isTrue();
    }

    @Test
    void everyDatatypeRoundTripsInBinaryMixedWithJson() {
        InferenceRequest request = new InferenceRequest("id-1", Map.of("p", 1L), List.of(
                InferInput.of("bool", new long[] {3}, Datatype.BOOL, new TensorData.Bools(new boolean[] {true, false, true})),
                InferInput.of("u8", new long[] {2}, Datatype.UINT8, new TensorData.Longs(new long[] {0, 255})),
                InferInput.of("u16", new long[] {2}, Datatype.UINT16, new TensorData.Longs(new long[] {1, 65535})),
                InferInput.of("u32", new long[] {2}, Datatype.UINT32, new TensorData.Longs(new long[] {7, 0xFFFF_FFFFL})),
                InferInput.of("u64", new long[] {2}, Datatype.UINT64, new TensorData.Longs(new long[] {0, Long.MAX_VALUE})),
                InferInput.of("i8", new long[] {2}, Datatype.INT8, new TensorData.Longs(new long[] {-128, 127})),
                InferInput.of("i16", new long[] {2}, Datatype.INT16, new TensorData.Longs(new long[] {-32768, 32767})),
                InferInput.of("i32", new long[] {2}, Datatype.INT32, new TensorData.Longs(new long[] {Integer.MIN_VALUE, 5})),
                InferInput.of("i64", new long[] {2}, Datatype.INT64, new TensorData.Longs(new long[] {Long.MIN_VALUE, 9})),
                InferInput.of("f16", new long[] {4}, Datatype.FP16, new TensorData.Floats(new float[] {0.5f, -65504f, 0x1p-24f, Float.NaN})),
                InferInput.of("f32", new long[] {2, 2}, Datatype.FP32, new TensorData.Floats(new float[] {1.5f, -0f, Float.MIN_VALUE, Float.MAX_VALUE})),
                InferInput.of("f64", new long[] {2}, Datatype.FP64, new TensorData.Doubles(new double[] {Math.PI, Double.NEGATIVE_INFINITY})),
                InferInput.of("json", new long[] {1}, Datatype.FP32, new TensorData.Floats(new float[] {3})),
                InferInput.of("text", new long[] {3}, Datatype.BYTES, new TensorData.Bytes(List.of(
                        "héllo".getBytes(StandardCharsets.UTF_8), new byte[0], new byte[] {(byte) 0xff, 0, (byte) 0xc3})))),
                List.of(new RequestedOutput("y", Map.of("binary_data", true))));

        EncodedMessage message = codec.encodeRequest(request, name -> !name.equals("json"));

        assertThat(message.binary()).isTrue();
        InferenceRequest decoded = codec.decodeRequest(message.bytes(), 0, message.bytes().length, message.jsonLength());
        assertThat(decoded).isEqualTo(request);
        String header = new String(message.bytes(), 0, message.jsonLength(), StandardCharsets.UTF_8);
        assertThat(header).contains("\"binary_data_size\":21").doesNotContain("Infinity").contains("\"data\":[3.0]");
    }

    @Test
    void aRequestWithNothingInBinaryIsPlainJson() {
        InferenceRequest request = new InferenceRequest(null, null, List.of(InferInput.of("x", new long[] {1},
                Datatype.FP32, new TensorData.Floats(new float[] {1}))), null);

        EncodedMessage message = codec.encodeRequest(request, name -> false);

        assertThat(message.binary()).isFalse();
        assertThat(message.headerLength()).isEmpty();
        assertThat(message.bytes()).isEqualTo(codec.encodeRequest(request));
    }

    @Test
    void responsesCarryTheChosenOutputsInBinary() {
        InferenceResponse response = new InferenceResponse("mymodel", "1", "r", null, List.of(
                InferOutput.of("output0", new long[] {3, 2}, Datatype.FP32, new TensorData.Floats(new float[] {1, 2, 3, 4, 5, 6})),
                InferOutput.of("output1", new long[] {2, 2}, Datatype.UINT32, new TensorData.Longs(new long[] {0, 1, 2, 3}))));

        EncodedMessage message = codec.encodeResponse(response, Set.of("output0")::contains);

        String header = new String(message.bytes(), 0, message.jsonLength(), StandardCharsets.UTF_8);
        assertThat(header).isEqualTo(Json.str(q("{'model_name':'mymodel','model_version':'1','id':'r','outputs':["
                + "{'name':'output0','datatype':'FP32','shape':[3,2],'parameters':{'binary_data_size':24}},"
                + "{'name':'output1','datatype':'UINT32','shape':[2,2],'data':[0,1,2,3]}]}")));
        assertThat(message.bytes().length).isEqualTo(message.jsonLength() + 24);
        assertThat(ByteBuffer.wrap(message.bytes(), message.jsonLength(), 24).order(ByteOrder.LITTLE_ENDIAN).getFloat())
                .isEqualTo(1f);
        assertThat(codec.decodeResponse(message.bytes(), message.jsonLength())).isEqualTo(response);
    }

    @Test
    void aBinarySizeThatDoesNotFitTheShapeIsRefused() {
        byte[] json = q("{'inputs':[{'name':'x','shape':[1,4],'datatype':'FP32','parameters':{'binary_data_size':12}}]}");
        byte[] body = concat(json, new byte[12]);

        assertThatThrownBy(() -> codec.decodeRequest(body, 0, body.length, json.length))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("inputs[0].parameters.binary_data_size: 12 bytes, but FP32 shape [1,4] needs 16");
    }

    @Test
    void aTruncatedBodyIsRefused() {
        byte[] json = specRequestJson();
        byte[] body = concat(json, uint32s(0, 1, 2, 3), new byte[] {1});

        assertThatThrownBy(() -> codec.decodeRequest(body, 0, body.length, json.length))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("inputs[1].parameters.binary_data_size: 3 bytes from byte 16 of the binary data, but only 1"
                        + " remain (a truncated body, or a wrong Inference-Header-Content-Length?)");
    }

    @Test
    void bytesLeftOverAreRefused() {
        byte[] json = specRequestJson();
        byte[] body = concat(json, uint32s(0, 1, 2, 3), new byte[] {1, 0, 1, 9, 9});

        assertThatThrownBy(() -> codec.decodeRequest(body, 0, body.length, json.length))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("body: 2 bytes after the last binary tensor: the binary_data_size values add up to 19 bytes,"
                        + " and the body has 21 after its " + json.length + "-byte JSON header");
    }

    @Test
    void aHeaderLengthPastTheBodyIsRefused() {
        byte[] json = specRequestJson();
        assertThatThrownBy(() -> codec.decodeRequest(json, 0, json.length, json.length + 1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Inference-Header-Content-Length: " + (json.length + 1) + " is past the end of the "
                        + json.length + "-byte body");
        assertThatThrownBy(() -> BinaryTensors.jsonLength("12x", 100))
                .hasMessage("Inference-Header-Content-Length: 12x (expected: the JSON header's length in bytes)");
        assertThatThrownBy(() -> BinaryTensors.jsonLength("101", 100))
                .hasMessage("Inference-Header-Content-Length: 101 is past the end of the 100-byte body");
        assertThatThrownBy(() -> BinaryTensors.jsonLength("0", 100))
                .hasMessage("Inference-Header-Content-Length: 0, Triton's raw binary request without a JSON header,"
                        + " is not supported (expected: the JSON header's length in bytes)");
        assertThat(BinaryTensors.jsonLength(null, 100)).isEqualTo(-1);
        assertThat(BinaryTensors.jsonLength(" 40 ", 100)).isEqualTo(40);
    }

    @Test
    void aHeaderLengthThatCutsTheJsonShortIsRefused() {
        byte[] json = specRequestJson();
        byte[] body = concat(json, uint32s(0, 1, 2, 3), new byte[] {1, 0, 1});

        assertThatThrownBy(() -> codec.decodeRequest(body, 0, body.length, json.length - 1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("body: not valid JSON");
    }

    @Test
    void malformedBytesElementsAreRefused() {
        byte[] json = q("{'inputs':[{'name':'t','shape':[2],'datatype':'BYTES','parameters':{'binary_data_size':9}}]}");
        byte[] overrun = concat(json, uint32s(1), new byte[] {'a'}, uint32s(9));
        assertThatThrownBy(() -> codec.decodeRequest(overrun, 0, overrun.length, json.length))
                .hasMessage("inputs[0]: BYTES element 1 of 9 bytes runs past its binary_data_size (0 bytes left)");

        byte[] json3 = q("{'inputs':[{'name':'t','shape':[3],'datatype':'BYTES','parameters':{'binary_data_size':10}}]}");
        byte[] tooFew = concat(json3, uint32s(1), new byte[] {'a'}, uint32s(1), new byte[] {'b'});
        assertThatThrownBy(() -> codec.decodeRequest(tooFew, 0, tooFew.length, json3.length))
                .hasMessage("inputs[0]: 2 BYTES elements in its 10 bytes, shape needs 3");
    }

    @Test
    void uint64AboveWhatIsHeldIsRefused() {
        byte[] json = q("{'inputs':[{'name':'u','shape':[2],'datatype':'UINT64','parameters':{'binary_data_size':16}}]}");
        byte[] body = concat(json, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1});

        assertThatThrownBy(() -> codec.decodeRequest(body, 0, body.length, json.length))
                .hasMessage("inputs[0][1]: 18446744073709551615 is out of range for UINT64 here (at most 9223372036854775807)");
    }

    @Test
    void thePeekReadsTheJsonHeaderAlone() {
        byte[] json = specRequestJson();

        PeekResult peeked = new RequestPeek().peek(json);

        assertThat(peeked.binaryBytes()).isEqualTo(19);
        assertThat(peeked.batchSize()).isEqualTo(2);
        assertThat(peeked.inputs()).containsExactly(new PeekedInput("input0", "UINT32", new long[] {2, 2}, 16),
                new PeekedInput("input1", "BOOL", new long[] {3}, 3));
    }

    @Test
    void halfPrecisionRoundTripsEveryValue() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float f = Half.toFloat((short) bits);
            if (Float.isNaN(f)) {
                assertThat(Float.isNaN(Half.toFloat(Half.fromFloat(f)))).isTrue();
                continue;
            }
            assertThat(Half.fromFloat(f) & 0xffff).as("half 0x%04x", bits).isEqualTo(bits);
        }
        assertThat(Half.toFloat(Half.fromFloat(1 + 0x1p-11f))).as("ties to even").isEqualTo(1f);
        assertThat(Half.toFloat(Half.fromFloat(1 + 3 * 0x1p-11f))).isEqualTo(1 + 0x1p-9f);
        assertThat(Half.toFloat(Half.fromFloat(65520f))).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Half.toFloat(Half.fromFloat(65519f))).isEqualTo(65504f);
        assertThat(Half.toFloat(Half.fromFloat(0x1p-25f))).isEqualTo(0f);
        assertThat(Half.toFloat(Half.fromFloat(0x1.8p-25f))).isEqualTo(0x1p-24f);
    }
}
