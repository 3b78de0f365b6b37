package dev.shunt.gateway.conformance;

import static dev.shunt.gateway.conformance.SpecAssertions.isError;
import static dev.shunt.gateway.conformance.SpecAssertions.isJsonInference;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;

/**
 * Every tensor data type of the Open Inference Protocol's table ("Tensor Data Types": BOOL, UINT8,
 * UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES), in JSON and in the
 * binary extension's layout ("in the native size of the data type", BOOL one byte, BYTES "a 4-byte
 * unsigned integer giving the length followed by the actual bytes"). The types the models take (FP32
 * on mlp; UINT32 and UINT64 on ids) are answered; every other one, sent to mlp, is a failed request:
 * "an HTTP error status (typically 400)" with {@code {"error": <error message string>}}.
 */
class DatatypesConformanceTest {

    static final Set<SpecDatatype> TAKEN_BY_MLP = EnumSet.of(SpecDatatype.FP32);

    /** FP32, mlp's type, in JSON and in binary: the same answer. */
    @AgainstEveryTarget
    void fp32IsTakenInJsonAndInBinary(Target target) {
        ObjectNode json = Wire.request(Wire.input("input", "FP32", new long[] {1, 512}, SpecDatatype.FP32.json(512)));
        Wire.Binary binary = Wire.Binary.of(Wire.request(Wire.binaryInput("input", "FP32", new long[] {1, 512}, 2048)),
                SpecDatatype.FP32.binary(512));

        JsonNode fromJson = isJsonInference(target.infer("mlp", Wire.bytes(json), Wire.JSON_HEADERS), "mlp");
        JsonNode fromBinary = isJsonInference(target.infer("mlp", binary.body(), binary.headers()), "mlp");

        assertThat(fromBinary.path("outputs")).isEqualTo(fromJson.path("outputs"));
    }

    /** UINT32 and UINT64, ids' types, up to UINT32's largest value and past it: values unchanged both ways. */
    @AgainstEveryTarget
    void uint32AndUint64AreTakenInJsonAndInBinary(Target target) {
        Wire.Binary binary = Wire.Binary.of(Wire.request(Models.idsBinaryInput(), Models.offsetsBinaryInput()),
                Tensors.uint32(Models.IDS), Tensors.uint64(Models.OFFSETS));
        JsonNode fromJson = isJsonInference(target.infer("ids",
                Wire.bytes(Wire.request(Models.idsInput(), Models.offsetsInput())), Wire.JSON_HEADERS), "ids");
        JsonNode fromBinary = isJsonInference(target.infer("ids", binary.body(), binary.headers()), "ids");

        for (JsonNode answer : new JsonNode[] {fromJson, fromBinary}) {
            assertThat(Tensors.integers(JsonInferenceConformanceTest.output(answer, "total").path("data")))
                    .containsExactly(Models.TOTAL);
            assertThat(Tensors.integers(JsonInferenceConformanceTest.output(answer, "ids_u32").path("data")))
                    .containsExactly(Models.IDS);
        }
    }

    /** Each other type, well formed in JSON, is refused by mlp with a 400 and an error object. */
    @AgainstEveryTarget
    void everyOtherDatatypeIsRefusedInJson(Target target) {
        SoftAssertions softly = new SoftAssertions();
        for (SpecDatatype type : EnumSet.complementOf(EnumSet.copyOf(TAKEN_BY_MLP))) {
            ObjectNode request = Wire.request(Wire.input("input", type.name(), new long[] {1, 512}, type.json(512)));
            Answer answer = target.infer("mlp", Wire.bytes(request), Wire.JSON_HEADERS);
            softly.assertThatCode(() -> isError(answer, 400)).as(type.name()).doesNotThrowAnyException();
        }
        softly.assertAll();
    }

    /** Each other type, laid out in binary as the extension says, is refused by mlp with a 400 and an error object. */
    @AgainstEveryTarget
    void everyOtherDatatypeIsRefusedInBinary(Target target) {
        SoftAssertions softly = new SoftAssertions();
        for (SpecDatatype type : EnumSet.complementOf(EnumSet.copyOf(TAKEN_BY_MLP))) {
            byte[] data = type.binary(512);
            Wire.Binary message = Wire.Binary.of(
                    Wire.request(Wire.binaryInput("input", type.name(), new long[] {1, 512}, data.length)), data);
            Answer answer = target.infer("mlp", message.body(), message.headers());
            softly.assertThatCode(() -> isError(answer, 400)).as(type.name()).doesNotThrowAnyException();
        }
        softly.assertAll();
    }

    /**
     * A UINT64 past INT64's range, which these servers cannot carry to the PyTorch engine: "The server
     * can decide to coerce each element to the required type or return an error if an unexpected value
     * is received" — an error, never a value silently changed.
     */
    @AgainstEveryTarget
    void aUint64PastWhatTheEngineHoldsIsAnErrorInJsonAndInBinary(Target target) {
        BigInteger[] offsets = Models.OFFSETS.clone();
        offsets[0] = Tensors.TWO_TO_64.subtract(BigInteger.ONE);
        ObjectNode json = Wire.request(Models.idsInput(), Wire.input("offsets", "UINT64", Models.ROW_3, Tensors.json(offsets)));
        Wire.Binary binary = Wire.Binary.of(Wire.request(Models.idsInput(), Models.offsetsBinaryInput()),
                Tensors.uint64(offsets));

        isError(target.infer("ids", Wire.bytes(json), Wire.JSON_HEADERS), 400);
        isError(target.infer("ids", binary.body(), binary.headers()), 400);
    }
}
