package dev.shunt.protocol;

import static dev.shunt.protocol.Json.q;
import static dev.shunt.protocol.Json.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataCodecTest {

    private final InferenceCodec codec = new InferenceCodec();

    private final ModelMetadata mlp = new ModelMetadata("mlp", List.of("1"), "pytorch_torchscript",
            List.of(new TensorMetadata("input", Datatype.FP32, new long[] {-1, 512})),
            List.of(new TensorMetadata("output", Datatype.FP32, new long[] {-1, 10})),
            Map.of("device", "gpu(0)", "max_batch_size", 64L));

    @Test
    void encodesModelMetadata() {
        assertThat(str(codec.encodeJson(mlp))).isEqualTo(str(q(
                "{'name':'mlp','versions':['1'],'platform':'pytorch_torchscript',"
                        + "'inputs':[{'name':'input','datatype':'FP32','shape':[-1,512]}],"
                        + "'outputs':[{'name':'output','datatype':'FP32','shape':[-1,10]}],"
                        + "'parameters':{'device':'gpu(0)','max_batch_size':64}}")));
    }

    @Test
    void modelMetadataRoundTrips() {
        assertThat(codec.decodeModelMetadata(codec.encodeJson(mlp))).isEqualTo(mlp);
    }

    @Test
    void modelMetadataKeepsNestedParameters() {
        ModelMetadata m = codec.decodeModelMetadata(q(
                "{'name':'m','inputs':[],'outputs':[],'parameters':{'limits':{'batch':[1,8]},'f':0.5}}"));

        assertThat(m.platform()).isEmpty();
        assertThat(m.versions()).isEmpty();
        assertThat(m.parameters()).isEqualTo(Map.of("limits", Map.of("batch", List.of(1, 8)), "f", 0.5));
        assertThat(codec.decodeModelMetadata(codec.encodeJson(m))).isEqualTo(m);
    }

    @Test
    void encodesServerMetadataAndErrorsAndTensors() {
        ServerMetadata server = new ServerMetadata("shunt", "0.1.0", List.of("model_repository"));

        assertThat(str(codec.encodeJson(server))).isEqualTo(str(q(
                "{'name':'shunt','version':'0.1.0','extensions':['model_repository']}")));
        assertThat(codec.decodeServerMetadata(codec.encodeJson(server))).isEqualTo(server);
        assertThat(str(codec.encodeJson(new ErrorBody("bad \"x\"")))).isEqualTo("{\"error\":\"bad \\\"x\\\"\"}");
        assertThat(codec.decodeError(codec.encodeJson(new ErrorBody("bad \"x\"")))).isEqualTo(new ErrorBody("bad \"x\""));
        assertThat(str(codec.encodeJson(new TensorMetadata("t", Datatype.BYTES, new long[] {})))).isEqualTo(str(q(
                "{'name':'t','datatype':'BYTES','shape':[]}")));
    }

    @Test
    void refusesOtherTypes() {
        assertThatThrownBy(() -> codec.encodeJson("text"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("value: java.lang.String (expected: ServerMetadata, ModelMetadata");
    }

    @Test
    void malformedMetadataNamesThePath() {
        assertThatThrownBy(() -> codec.decodeModelMetadata(q(
                "{'name':'m','platform':'p','inputs':[{'name':'i','datatype':'F32','shape':[1]}],'outputs':[]}")))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("model_metadata.inputs[0].datatype: \"F32\" is not a datatype");
        assertThatThrownBy(() -> codec.decodeModelMetadata(q(
                "{'name':'m','inputs':[{'name':'i','datatype':'FP32','shape':[-2]}],'outputs':[]}")))
                .hasMessage("model_metadata.inputs[0].shape: expected an array of at most 16 integers >= -1");
        assertThatThrownBy(() -> codec.decodeModelMetadata(q("{'name':'m','inputs':[]}")))
                .hasMessage("model_metadata.outputs: expected an array");
        assertThatThrownBy(() -> codec.decodeModelMetadata(q("{'name':'m','inputs':[],'outputs':[],'parameters':{'x':null}}")))
                .hasMessage("model_metadata.parameters.x: expected a value, not null");
        assertThatThrownBy(() -> codec.decodeServerMetadata(q("{'name':'s'}")))
                .hasMessage("server_metadata: missing \"version\"");
        assertThatThrownBy(() -> codec.decodeError(q("{'error':42}")))
                .hasMessage("error_body.error: expected a string");
        assertThatThrownBy(() -> codec.decodeError(q("{'error':'x'} trailing")))
                .hasMessageStartingWith("error_body: not valid JSON (");
        assertThatThrownBy(() -> codec.decodeError(new byte[0]))
                .hasMessage("error_body: empty");
        assertThatThrownBy(() -> codec.decodeError(q("['x']")))
                .hasMessage("error_body: expected a JSON object");
    }
}
