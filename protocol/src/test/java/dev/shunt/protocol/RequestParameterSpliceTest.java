package dev.shunt.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestParameterSpliceTest {

    private final RequestParameterSplice timeout = new RequestParameterSplice();
    private final InferenceCodec codec = new InferenceCodec();

    private static final String INPUTS = "\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[0.5,1.5]}]";

    private InferenceRequest applied(String body, long micros) {
        byte[] out = timeout.apply(body.getBytes(StandardCharsets.UTF_8), micros, 0);
        return codec.decodeRequest(out);
    }

    @Test
    void addsParametersWhenThereAreNone() {
        InferenceRequest request = applied("{" + INPUTS + "}", 250_000);

        assertThat(request.parameters()).containsEntry("timeout", 250_000L);
        assertThat(request.inputs().get(0).name()).isEqualTo("x");
    }

    @Test
    void keepsLeadingWhitespaceAndTheTensorBytes() {
        String body = "  \n{ \"id\": \"a\", " + INPUTS + " }";
        String out = new String(timeout.apply(body.getBytes(StandardCharsets.UTF_8), 7, 0), StandardCharsets.UTF_8);

        assertThat(out).isEqualTo("  \n{\"parameters\":{\"timeout\":7}, \"id\": \"a\", " + INPUTS + " }");
    }

    @Test
    void addsTimeoutToExistingTopLevelParameters() {
        InferenceRequest request = applied("{\"parameters\":{\"pad\":\"xx\"}," + INPUTS + "}", 1000);

        assertThat(request.parameters()).containsEntry("timeout", 1000L).containsEntry("pad", "xx");
    }

    @Test
    void addsTimeoutToEmptyParameters() {
        InferenceRequest request = applied("{" + INPUTS + ",\"parameters\":{}}", 1000);

        assertThat(request.parameters()).containsEntry("timeout", 1000L).hasSize(1);
    }

    @Test
    void inputParametersAreNotTheRequestParameters() {
        String body = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,1],\"data\":[1],"
                + "\"parameters\":{\"timeout\":5}}]}";
        InferenceRequest request = applied(body, 900);

        assertThat(request.parameters()).containsEntry("timeout", 900L);
        assertThat(request.inputs().get(0).parameters()).containsEntry("timeout", 5L);
    }

    @Test
    void aSoonerClientTimeoutIsKept() {
        byte[] body = ("{\"parameters\":{\"timeout\":300}," + INPUTS + "}").getBytes(StandardCharsets.UTF_8);

        assertThat(timeout.apply(body, 5000, 0)).isSameAs(body);
    }

    @Test
    void aLaterClientTimeoutIsShortened() {
        InferenceRequest request = applied("{\"parameters\":{\"a\":1,\"timeout\":99999999,\"b\":2}," + INPUTS + "}", 5000);

        assertThat(request.parameters()).containsEntry("timeout", 5000L).containsEntry("a", 1L).containsEntry("b", 2L);
    }

    @Test
    void malformedBodiesAreLeftForTheServerToExplain() {
        for (String bad : new String[] {"", "[]", "{}", "{\"parameters\":3," + INPUTS + "}",
                "{\"parameters\":{\"timeout\":\"soon\"}," + INPUTS + "}", "{\"parameters\":{\"timeout\":-4}}",
                "{\"parameters\":{", "not json"}) {
            byte[] body = bad.getBytes(StandardCharsets.UTF_8);
            assertThat(timeout.apply(body, 10, 0)).as(bad).isSameAs(body);
        }
    }

    @Test
    void respectsOffsetAndLength() {
        String inner = "{" + INPUTS + "}";
        byte[] framed = ("xx" + inner + "yy").getBytes(StandardCharsets.UTF_8);

        InferenceRequest request = codec.decodeRequest(timeout.apply(framed, 2, inner.length(), 42, 0));

        assertThat(request.parameters()).containsEntry("timeout", 42L);
    }

    @Test
    void theQuoteScanFindsTheKeyAtEveryAlignmentAndNeverPastTheRange() {
        byte[] key = "\"parameters\"".getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at < 40; at++) {
            byte[] hay = new byte[at + key.length + 17];
            java.util.Arrays.fill(hay, (byte) '1');
            System.arraycopy(key, 0, hay, at, key.length);
            assertThat(RequestParameterSplice.indexOf(hay, 0, hay.length, key)).as("at %d", at).isEqualTo(at);
            assertThat(RequestParameterSplice.indexOf(hay, 0, at + key.length - 1, key)).as("cut at %d", at).isEqualTo(-1);
            assertThat(RequestParameterSplice.indexOf(hay, at + 1, hay.length - at - 1, key)).isEqualTo(-1);
        }
        byte[] near = "\"parameter\" \"parameterz\" \"parameters\"".getBytes(StandardCharsets.US_ASCII);
        assertThat(RequestParameterSplice.indexOf(near, 0, near.length, key)).isEqualTo(25);
    }

    @Test
    void putsThePriorityBesideTheTimeout() {
        InferenceRequest request = codec.decodeRequest(timeout.apply(("{" + INPUTS + "}").getBytes(StandardCharsets.UTF_8), 900, 2));

        assertThat(request.parameters()).containsEntry("timeout", 900L).containsEntry("priority", 2L);
    }

    @Test
    void keepsTheClientsOwnPriority() {
        byte[] body = ("{\"parameters\":{\"priority\":1}," + INPUTS + "}").getBytes(StandardCharsets.UTF_8);

        InferenceRequest request = codec.decodeRequest(timeout.apply(body, 900, 3));

        assertThat(request.parameters()).containsEntry("timeout", 900L).containsEntry("priority", 1L);
        assertThat(timeout.apply(body, 0, 3)).as("nothing else to put").isSameAs(body);
    }

    @Test
    void replacesALaterTimeoutAndAddsThePriorityInTwoEdits() {
        byte[] body = ("{\"parameters\":{\"pad\":1,\"timeout\":99999999}," + INPUTS + "}").getBytes(StandardCharsets.UTF_8);

        java.util.List<RequestParameterSplice.Edit> edits = timeout.edits(body, 0, body.length, 1000, 4);
        InferenceRequest request = codec.decodeRequest(RequestParameterSplice.copy(body, 0, body.length, edits));

        assertThat(edits).hasSize(2);
        assertThat(request.parameters()).containsEntry("timeout", 1000L).containsEntry("priority", 4L).containsEntry("pad", 1L);
        assertThat(RequestParameterSplice.delta(edits)).isEqualTo(RequestParameterSplice.copy(body, 0, body.length, edits).length - body.length);
    }

    @Test
    void thePriorityAloneWhenNoTimeoutIsPut() {
        InferenceRequest request = codec.decodeRequest(timeout.apply(("{" + INPUTS + "}").getBytes(StandardCharsets.UTF_8), 0, 5));

        assertThat(request.parameters()).containsExactlyEntriesOf(java.util.Map.of("priority", 5L));
    }
}
