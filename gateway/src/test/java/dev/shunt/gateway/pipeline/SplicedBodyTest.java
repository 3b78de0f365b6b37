package dev.shunt.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.gateway.classify.BodyBytes;
import dev.shunt.protocol.RequestParameterSplice;
import java.util.List;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplicedBodyTest {

    final RequestParameterSplice timeout = new RequestParameterSplice();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1,2]}]}",
        "{\"parameters\":{\"priority\":1},\"inputs\":[]}",
        "{\"parameters\":{\"timeout\":900000000},\"inputs\":[]}",
        "{\"parameters\":{\"a\":1,\"timeout\":900000000},\"inputs\":[]}",
        "  {\"id\":\"x\",\"inputs\":[]}"})
    void theCompositeBodyHasTheBytesOfTheCopyingSplice(String json) {
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        // the body in the middle of a larger buffer, as the intake's buffer may hold it
        Buffer whole = Buffer.buffer().appendString("junk").appendBytes(raw).appendString("tail");
        Buffer body = whole.slice(4, 4 + raw.length);
        BodyBytes bytes = BodyBytes.of(body);

        List<RequestParameterSplice.Edit> edits = timeout.edits(bytes.array(), bytes.offset(), bytes.length(), 1500, 2);

        byte[] expected = timeout.apply(raw, 1500, 2);
        assertThat(edits).isNotEmpty();
        assertThat(new String(SplicedBody.of(body, bytes, edits).getBytes(), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(new String(body.getBytes(), StandardCharsets.UTF_8)).as("the client's body is untouched").isEqualTo(json);
    }
}
