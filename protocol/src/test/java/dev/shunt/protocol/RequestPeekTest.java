package dev.shunt.protocol;

import static dev.shunt.protocol.Json.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPeekTest {

    private final RequestPeek peek = new RequestPeek();
    private final InferenceCodec codec = new InferenceCodec();

    static final List<byte[]> BODIES = List.of(
            Json.fp32Request("input", 1, 512, 1),
            Json.fp32Request("input", 64, 512, 2),
            q("{'inputs':[{'name':'s','shape':[],'datatype':'FP32','data':[7]}]}"),
            q("{'id':'two','inputs':[{'name':'a','shape':[3,2],'datatype':'INT64','data':[[1,2],[3,4],[5,6]]},"
                    + "{'name':'b','shape':[3],'datatype':'BOOL','data':[true,false,true]}],'outputs':[{'name':'o'}]}"),
            q("{'outputs':[{'name':'o'}],'parameters':{'p':1},'inputs':[{'data':['x','y'],'datatype':'BYTES',"
                    + "'shape':[2,1],'name':'s'}],'id':'late'}"),
            q("{'inputs':[{'name':'e','shape':[0,4],'datatype':'FP16','data':[]}]}"));

    @Test
    void agreesWithTheFullDecode() {
        for (byte[] body : BODIES) {
            assertThat(peek.peek(body)).as(Json.str(body)).isEqualTo(factsOf(codec.decodeRequest(body)));
        }
    }

    @Test
    void readsTheFacts() {
        PeekResult r = peek.peek(BODIES.get(3));

        assertThat(r.inputs()).containsExactly(new PeekedInput("a", "INT64", new long[] {3, 2}),
                new PeekedInput("b", "BOOL", new long[] {3}));
        assertThat(r.batchSize()).isEqualTo(3);
        assertThat(r.elementCount()).isEqualTo(9);
        assertThat(r.id()).isEqualTo("two");
    }

    @Test
    void scalarFirstInputIsABatchOfOne() {
        assertThat(peek.peek(BODIES.get(2)).batchSize()).isEqualTo(1);
    }

    @Test
    void shapeAfterData() {
        PeekResult r = peek.peek(q("{'inputs':[{'name':'x','data':[[1,2,3],[4,5,6]],'datatype':'FP32','shape':[2,3]}]}"));

        assertThat(r.inputs()).containsExactly(new PeekedInput("x", "FP32", new long[] {2, 3}));
        assertThat(r.batchSize()).isEqualTo(2);
        assertThat(r.elementCount()).isEqualTo(6);
    }

    @Test
    void peeksASlice() {
        byte[] body = BODIES.get(0);
        byte[] buffer = new byte[body.length + 9];
        System.arraycopy(body, 0, buffer, 4, body.length);

        assertThat(peek.peek(buffer, 4, body.length)).isEqualTo(peek.peek(body));
    }

    @Test
    void doesNotLookInsideData() {
        // The full decode refuses these values; the peek only skips over them.
        byte[] body = q("{'inputs':[{'name':'x','shape':[2],'datatype':'FP32','data':['a',{'b':null}]}]}");

        assertThat(peek.peek(body).elementCount()).isEqualTo(2);
        assertThatThrownBy(() -> codec.decodeRequest(body)).hasMessage("inputs[0].data[0]: expected a number for FP32");
    }

    @Test
    void refusesMalformedBodiesInTheCodecsWords() {
        assertPeekFails("", "body: empty");
        assertPeekFails("{'inputs':[]}", "inputs: expected a non-empty array");
        assertPeekFails("{'id':'x'}", "inputs: expected a non-empty array");
        assertPeekFails("{'inputs':[{'name':'x','shape':[1,-1],'datatype':'FP32','data':[]}]}",
                "inputs[0].shape: expected an array of non-negative integers");
        assertPeekFails("{'inputs':[{'name':'x','shape':[1],'datatype':'FP33','data':[1]}]}",
                "inputs[0].datatype: \"FP33\" is not a datatype (expected one of BOOL, UINT8, UINT16, UINT32, UINT64,"
                        + " INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES)");
        assertPeekFails("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32'}]}", "inputs[0]: missing \"data\" (or parameters.binary_data_size for binary tensor data)");
        assertPeekFails("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':1}]}", "inputs[0].data: expected an array");
        assertPeekFails("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1],'parameters':{'binary_data_size':4}}]}",
                "inputs[0]: both \"data\" and parameters.binary_data_size (expected: one of them)");
        assertPeekFails("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','parameters':{'binary_data_size':true}}]}",
                "inputs[0].parameters.binary_data_size: true (expected: a byte count, >= 0)");
        assertPeekFails("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1]},"
                + "{'name':'x','shape':[1],'datatype':'FP32','data':[1]}]}", "inputs[1].name: duplicate input \"x\"");
        assertPeekFails("{'inputs':[{'name':'x','shape':[4611686018427387904],'datatype':'FP32','data':[]},"
                + "{'name':'y','shape':[4611686018427387904],'datatype':'FP32','data':[]}]}", "inputs: too many elements in all");
        assertPeekFails("{'id':1,'inputs':[]}", "id: expected a string");
        assertPeekFails("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1]}]} 1",
                "body: unexpected content after the JSON object");
    }

    @Test
    void refusesBrokenJsonEvenInsideSkippedData() {
        assertThatThrownBy(() -> peek.peek(q("{'inputs':[{'name':'x','shape':[1],'datatype':'FP32','data':[1,,2]}]}")))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("body: not valid JSON (Unexpected character (','");
    }

    private void assertPeekFails(String body, String message) {
        assertThatThrownBy(() -> peek.peek(q(body)))
                .as(body)
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage(message);
    }

    /** What a peek must report, computed from a full decode. */
    static PeekResult factsOf(InferenceRequest request) {
        List<PeekedInput> inputs = request.inputs().stream()
                .map(i -> new PeekedInput(i.name(), i.datatype().name(), i.shape()))
                .toList();
        long[] first = request.inputs().get(0).shape();
        long elements = request.inputs().stream().mapToLong(i -> i.data().size()).sum();
        return new PeekResult(inputs, first.length == 0 ? 1 : first[0], elements, request.id());
    }
}
