package dev.shunt.protocol;

import static dev.shunt.protocol.Json.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a request body can be wrong, and the exact message a client reads. */
class RequestDecodingErrorsTest {

    private static final String DATATYPES = "BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES";

    private final InferenceCodec codec = new InferenceCodec();

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                bad("{'inputs':[{'name':'x','shape':'1,2','datatype':'FP32','data':[1,2]}]}",
                        "inputs[0].shape: expected an array of non-negative integers"),
                bad("{'inputs':[{'name':'x','shape':[1,-2],'datatype':'FP32','data':[1,2]}]}",
                        "inputs[0].shape: expected an array of non-negative integers"),
                bad("{'inputs':[{'name':'x','shape':[1.0],'datatype':'FP32','data':[1]}]}",
                        "inputs[0].shape: expected an array of non-negative integers"),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1]},"
                                + "{'name':'y','shape':[1],'datatype':'FP33','data':[1]}]}",
                        "inputs[1].datatype: \"FP33\" is not a datatype (expected one of " + DATATYPES + ")"),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':32,'data':[1]}]}",
                        "inputs[0].datatype: expected a string"),
                bad("{'inputs':[{'name':'x','shape':[1,512],'datatype':'FP32','data':" + zeros(511) + "}]}",
                        "inputs[0].data: 511 values, shape [1,512] needs 512"),
                bad("{'inputs':[{'name':'x','data':" + zeros(513) + ",'datatype':'FP32','shape':[1,512]}]}",
                        "inputs[0].data: 513 values, shape [1,512] needs 512"),
                bad("{'inputs':[{'name':'x','shape':[5],'datatype':'UINT8','data':[0,1,2,300,4]}]}",
                        "inputs[0].data[3]: 300 is out of range for UINT8"),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'UINT8','data':[-1]}]}",
                        "inputs[0].data[0]: -1 is out of range for UINT8"),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'INT32','data':[2147483648]}]}",
                        "inputs[0].data[0]: 2147483648 is out of range for INT32"),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'UINT64','data':[9223372036854775808]}]}",
                        "inputs[0].data[0]: 9223372036854775808 is out of range for UINT64"),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1e39]}]}",
                        "inputs[0].data[0]: 1e39 is out of range for FP32"),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP16','data':[70000]}]}",
                        "inputs[0].data[0]: 70000 is out of range for FP16"),
                bad("{'inputs':[{'name':'x','shape':[3],'datatype':'FP32','data':[1,2,'3']}]}",
                        "inputs[0].data[2]: expected a number for FP32"),
                bad("{'inputs':[{'name':'x','shape':[3],'datatype':'FP64','data':[[1,null],[3]]}]}",
                        "inputs[0].data[1]: expected a number for FP64"),
                bad("{'inputs':[{'name':'x','shape':[2],'datatype':'INT64','data':[1,2.0]}]}",
                        "inputs[0].data[1]: 2.0 is not an integer (expected: an integer for INT64)"),
                bad("{'inputs':[{'name':'x','shape':[2],'datatype':'INT64','data':[1,true]}]}",
                        "inputs[0].data[1]: expected an integer for INT64"),
                bad("{'inputs':[{'name':'x','shape':[2],'datatype':'BOOL','data':[true,1]}]}",
                        "inputs[0].data[1]: expected true or false for BOOL"),
                bad("{'inputs':[{'name':'x','shape':[2],'datatype':'BYTES','data':['a',{}]}]}",
                        "inputs[0].data[1]: expected a string for BYTES"),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':1}]}",
                        "inputs[0].data: expected an array"),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':" + "[".repeat(33) + "1" + "]".repeat(33) + "}]}",
                        "inputs[0].data: arrays nested deeper than 32"),
                bad("{'inputs':[{'name':'x','shape':" + ones(17) + ",'datatype':'FP32','data':[1]}]}",
                        "inputs[0].shape: rank is over 16"),
                bad("{'inputs':[{'name':'x','shape':[4294967296,4294967296],'datatype':'FP32','data':[1]}]}",
                        "inputs[0].shape: [4294967296,4294967296] has too many elements"),
                bad("{'inputs':[{'name':'x','shape':[1000000000,1000000],'datatype':'FP32','data':[1]}]}",
                        "inputs[0].data: 1 values, shape [1000000000,1000000] needs 1000000000000000"),
                bad("{'inputs':[]}", "inputs: expected a non-empty array"),
                bad("{'inputs':{}}", "inputs: expected a non-empty array"),
                bad("{'id':'x'}", "inputs: expected a non-empty array"),
                bad("{'inputs':[1]}", "inputs[0]: expected an object"),
                bad("{'inputs':[{'shape':[1],'datatype':'FP32','data':[1]}]}", "inputs[0]: missing \"name\""),
                bad("{'inputs':[{'name':'x','shape':[1],'data':[1]}]}", "inputs[0]: missing \"datatype\""),
                bad("{'inputs':[{'name':'x','datatype':'FP32','data':[1]}]}", "inputs[0]: missing \"shape\""),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32'}]}", "inputs[0]: missing \"data\" (or parameters.binary_data_size for binary tensor data)"),
                bad("{'inputs':[{'name':'','shape':[1],'datatype':'FP32','data':[1]}]}",
                        "inputs[0].name: expected a non-empty string"),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1],'shape':[1]}]}",
                        "inputs[0]: duplicate field \"shape\""),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1]},"
                                + "{'name':'x','shape':[1],'datatype':'FP32','data':[2]}]}",
                        "inputs[1].name: duplicate input \"x\""),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','parameters':{'binary_data_size':4}}]}",
                        "inputs[0].parameters.binary_data_size: binary tensor data needs the"
                                + " Inference-Header-Content-Length header, and the message has none"),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','parameters':{'binary_data_size':'4'}}]}",
                        "inputs[0].parameters.binary_data_size: 4 (expected: a byte count, >= 0)"),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','parameters':{'binary_data_size':-4}}]}",
                        "inputs[0].parameters.binary_data_size: -4 (expected: a byte count, >= 0)"),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1],'parameters':{'binary_data_size':4}}]}",
                        "inputs[0]: both \"data\" and parameters.binary_data_size (expected: one of them)"),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1]}],"
                                + "'outputs':[{'name':'y','parameters':{'binary_data':1}}]}",
                        "outputs[0].parameters.binary_data: 1 (expected: true or false)"),
                bad("{'parameters':{'binary_data_output':'yes'},'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1]}]}",
                        "parameters.binary_data_output: yes (expected: true or false)"),
                bad("{'parameters':{'a':{'b':1}},'inputs':[]}", "parameters.a: expected a string, number or boolean"),
                bad("{'parameters':[1],'inputs':[]}", "parameters: expected an object"),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1]}],'outputs':[{'name':'y'},{'name':'y'}]}",
                        "outputs[1].name: duplicate output \"y\""),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1]}],'outputs':[{}]}",
                        "outputs[0]: missing \"name\""),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1]}],'outputs':'y'}",
                        "outputs: expected an array"),
                bad("{'id':7,'inputs':[]}", "id: expected a string"),
                bad("{'inputs':[],'inputs':[]}", "inputs: expected a non-empty array"),
                bad("{'id':'a','id':'b'}", "body: duplicate field \"id\""),
                bad("[1,2]", "body: expected a JSON object"),
                bad("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1]}]} {}",
                        "body: unexpected content after the JSON object"),
                bad("", "body: empty"),
                bad(" \n\t ", "body: empty"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidBodies")
    void refusesWithAPreciseMessage(String body, String message) {
        assertThatThrownBy(() -> codec.decodeRequest(q(body)))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage(message);
    }

    @Test
    void parametersAreBounded() {
        StringBuilder params = new StringBuilder("{");
        for (int i = 0; i <= 128; i++) {
            params.append(i == 0 ? "" : ",").append("'p").append(i).append("':").append(i);
        }
        String body = "{'parameters':" + params + "},'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1]}]}";

        assertThatThrownBy(() -> codec.decodeRequest(q(body)))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("parameters: more than 128 entries");
        String fewer = body.replace(",'p128':128", "");
        assertThat(codec.decodeRequest(q(fewer)).parameters()).hasSize(128);
    }

    @Test
    void truncatedJsonSaysWhereItEnded() {
        assertThatThrownBy(() -> codec.decodeRequest(q("{'inputs':[{'name':'x',\n'shape':[1")))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("body: not valid JSON (Unexpected end-of-input")
                .hasMessageEndingWith(", line 2, column 11)")
                .hasMessageNotContaining("Source");
    }

    @Test
    void badTokenSaysWhatAndWhere() {
        assertThatThrownBy(() -> codec.decodeRequest(q("{'inputs': [tru]}")))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("body: not valid JSON (Unrecognized token 'tru': was expecting (JSON String, Number, Array,"
                        + " Object or token 'null', 'true' or 'false'), line 1, column 17)");
    }

    @Test
    void deepNestingOutsideDataHitsTheBodyLimit() {
        String deep = "{'x':" + "[".repeat(200) + "]".repeat(200) + ",'inputs':[]}";
        assertThatThrownBy(() -> codec.decodeRequest(q(deep)))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("body: not valid JSON (Document nesting depth (65) exceeds the maximum allowed (64");
    }

    @Test
    void refusesUtf16() {
        byte[] body = "{\"inputs\":[]}".getBytes(StandardCharsets.UTF_16BE);
        assertThatThrownBy(() -> codec.decodeRequest(body))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("body: not valid JSON (expected UTF-8)");
    }

    @Test
    void longClientStringsAreCutShortInMessages() {
        String longType = "X".repeat(500);
        assertThatThrownBy(() -> codec.decodeRequest(q("{'inputs':[{'name':'x','shape':[1],'datatype':'" + longType + "','data':[1]}]}")))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("inputs[0].datatype: \"" + "X".repeat(40) + "...\" is not a datatype");
    }

    @Test
    void responseErrorsArePrefixed() {
        assertThatThrownBy(() -> codec.decodeResponse(q("{'model_name':'m','outputs':[{'name':'o','shape':[2],'datatype':'FP32','data':[1]}]}")))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("response.outputs[0].data: 1 values, shape [2] needs 2");
        assertThatThrownBy(() -> codec.decodeResponse(q("{'outputs':[]}")))
                .hasMessage("response: missing \"model_name\"");
        assertThatThrownBy(() -> codec.decodeResponse(q("{'model_name':'m'")))
                .hasMessageStartingWith("response: not valid JSON (Unexpected end-of-input");
    }

    @Test
    void rangeOutsideTheArrayIsAProgrammingError() {
        assertThatThrownBy(() -> codec.decodeRequest(new byte[4], 2, 3))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("offset: 2, length: 3 (expected: within 4 bytes)");
    }

    private static Arguments bad(String body, String message) {
        return Arguments.of(body, message);
    }

    private static String zeros(int n) {
        return "[" + "0,".repeat(n - 1) + "0]";
    }

    private static String ones(int n) {
        return "[" + "1,".repeat(n - 1) + "1]";
    }
}
