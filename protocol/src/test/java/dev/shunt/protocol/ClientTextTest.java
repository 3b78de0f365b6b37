package dev.shunt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Error messages as a client may see them: what they say of the input stays, the library's insides go. */
class ClientTextTest {

    /** What must never reach a client. */
    static final List<String> INTERNALS = List.of("FAIL_ON_", "ALLOW_", "Feature", "StreamReadConstraints",
            "JsonReadFeature", "through reference chain", "com.fasterxml", "jackson", "Exception", "`", "[Source", "\tat ");

    private final InferenceCodec codec = new InferenceCodec();

    static Stream<String> malformedBodies() {
        return Stream.of(
                "{\"inputs\": [ /* a comment */ ]}",
                "{'inputs': []}",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[NaN]}]}",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[01]}]}",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[" + "9".repeat(2000) + "]}]}",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1e999999]}]}",
                "{\"parameters\":{\"deep\":" + "[".repeat(200) + "]".repeat(200) + "},\"inputs\":[]}",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[\"one\"]}]}",
                "{\"inputs\":[{\"name\":7,\"shape\":{},\"datatype\":[],\"data\":true}]}",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]}]} trailing",
                "{\"inputs\":[{\"name\":\"x\u0001\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]}]}",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1],}]}");
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void aMalformedBodyIsRefusedWithoutTheParsersInsides(String body) {
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                () -> codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(refused).as("refused: " + body).isNotNull();
        String shown = ClientText.of(refused.getMessage());
        System.out.printf("%s%n  -> %s%n", refused.getMessage(), shown);
        assertThat(shown).isNotBlank().doesNotContain(INTERNALS).doesNotContain("\n");
    }

    @Test
    void jacksonsOriginsAndSettingsGoWhatTheInputDidWrongStays() {
        assertThat(ClientText.of("body: not valid JSON (Document nesting depth (65) exceeds the maximum allowed (64, "
                + "from `StreamReadConstraints.getMaxNestingDepth()`), line 1, column 75)"))
                .isEqualTo("body: not valid JSON (Document nesting depth (65) exceeds the maximum allowed (64), line 1,"
                        + " column 75)");
        assertThat(ClientText.of("body: not valid JSON (Non-standard token 'NaN': enable "
                + "`JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow, line 1, column 5)"))
                .isEqualTo("body: not valid JSON (Non-standard token 'NaN', line 1, column 5)");
        assertThat(ClientText.of("body: not valid JSON (Unexpected character ('/' (code 47)): maybe a (non-standard) "
                + "comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser), line 1, column 13)"))
                .isEqualTo("body: not valid JSON (Unexpected character ('/' (code 47)): maybe a (non-standard) comment?,"
                        + " line 1, column 13)");
        assertThat(ClientText.of("Unrecognized field \"x\" (class dev.shunt.Foo), not marked as ignorable (2 known"
                + " properties) through reference chain: dev.shunt.Foo[\"x\"]"))
                .doesNotContain(INTERNALS).doesNotContain("dev.shunt.Foo");
        assertThat(ClientText.of("Cannot deserialize (set DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES to false)"))
                .isEqualTo("Cannot deserialize");
    }

    @Test
    void classNamesAndStackTracesGo() {
        assertThat(ClientText.of("model failed: ai.djl.engine.EngineException: shape mismatch\n\tat ai.djl.Foo.bar(Foo.java:1)"))
                .isEqualTo("model failed: shape mismatch");
        assertThat(ClientText.of("model failed: java.lang.IllegalStateException: boom")).isEqualTo("model failed: boom");
        assertThat(ClientText.of("IOException: closed")).isEqualTo("closed");
    }

    @Test
    void ourOwnMessagesStayAsTheyAre() {
        for (String own : List.of("inputs[0].data: 511 values, shape [1,512] needs 512",
                "inputs[1].datatype: \"FP33\" is not a datatype (expected one of BOOL, UINT8)",
                "backend cpu-1a2b3c4d of pool cpu did not answer within the deadline",
                "request body is larger than the limit of 1024 bytes")) {
            assertThat(ClientText.of(own)).isEqualTo(own);
        }
    }

    @Test
    void nothingLeftIsTheFallback() {
        assertThat(ClientText.of(null)).isEqualTo(ClientText.FALLBACK);
        assertThat(ClientText.of("  ")).isEqualTo(ClientText.FALLBACK);
        assertThat(ClientText.of("java.lang.NullPointerException")).isEqualTo(ClientText.FALLBACK);
        assertThat(ClientText.of("x".repeat(1000))).hasSize(303);
    }
}
