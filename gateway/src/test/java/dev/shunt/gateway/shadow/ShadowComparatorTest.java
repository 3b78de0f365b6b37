package dev.shunt.gateway.shadow;

import static dev.shunt.gateway.shadow.Bodies.bytes;
import static dev.shunt.gateway.shadow.Bodies.fp32;
import static dev.shunt.gateway.shadow.Bodies.fp64;
import static dev.shunt.gateway.shadow.Bodies.int64;
import static dev.shunt.gateway.shadow.Bodies.response;
import static dev.shunt.gateway.shadow.Bodies.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.TensorData;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShadowComparatorTest {

    private static final long MS = 1_000_000;

    private final ShadowComparator comparator = new ShadowComparator(new ShadowTolerance(0.01, 0));

    private static Side ok(byte[] body) {
        return new Side(200, body, 3 * MS);
    }

    @Test
    void identicalBodiesAgree() {
        byte[] body = response(fp32("probs", shape(1, 3), 0.1f, 0.7f, 0.2f), int64("label", shape(1), 1));

        Comparison c = comparator.compare(new Side(200, body, 3 * MS), new Side(200, body.clone(), 5 * MS));

        assertThat(c.agrees()).isTrue();
        assertThat(c.reason()).isEmpty();
        assertThat(c.statusMatch()).isTrue();
        assertThat(c.structureMatch()).isTrue();
        assertThat(c.numericWithinTolerance()).isTrue();
        assertThat(c.maxAbsoluteError()).isZero();
        assertThat(c.maxRelativeError()).isZero();
        assertThat(c.top1Agreement()).contains(true);
        assertThat(c.primaryLatencyNanos()).isEqualTo(3 * MS);
        assertThat(c.shadowLatencyNanos()).isEqualTo(5 * MS);
        assertThat(c.primaryError()).isFalse();
        assertThat(c.shadowError()).isFalse();
    }

    @Test
    void binaryOutputsAreDecodedAndComparedWithJsonOnes() {
        InferOutput probs = fp32("probs", shape(1, 3), 0.1f, 0.7f, 0.2f);
        InferOutput label = int64("label", shape(1), 1);
        dev.shunt.protocol.EncodedMessage binary = new dev.shunt.protocol.InferenceCodec().encodeResponse(
                new dev.shunt.protocol.InferenceResponse("m", "1", "r-1", null, java.util.List.of(probs, label)),
                "probs"::equals);
        Side primary = Side.answered(200, binary.bytes(), binary.jsonLength(), 3 * MS);

        assertThat(comparator.compare(primary, ok(response(probs, label))).agrees()).isTrue();
        Comparison off = comparator.compare(primary, ok(response(fp32("probs", shape(1, 3), 0.1f, 0.2f, 0.7f), label)));
        assertThat(off.agrees()).isFalse();
        assertThat(off.top1Agreement()).contains(false);
        Comparison unread = comparator.compare(new Side(200, binary.bytes(), 3 * MS), ok(response(probs, label)));
        assertThat(unread.reason()).as("without its header length the body is not JSON")
                .startsWith("primary body undecodable: response: ");
    }

    @Test
    void outputsAreMatchedByNameInAnyOrder() {
        byte[] a = response(fp64("a", shape(1), 1.0), fp64("b", shape(1), 2.0));
        byte[] b = response(fp64("b", shape(1), 2.0), fp64("a", shape(1), 1.0));

        assertThat(comparator.compare(ok(a), ok(b)).agrees()).isTrue();
    }

    @Test
    void numbersBeyondToleranceDisagreeWithTheMaxError() {
        byte[] primary = response(fp64("y", shape(1, 1, 3), 1.0, 2.0, 3.0));
        byte[] shadow = response(fp64("y", shape(1, 1, 3), 1.0, 2.31, 3.005));

        Comparison c = comparator.compare(ok(primary), ok(shadow));

        assertThat(c.agrees()).isFalse();
        assertThat(c.statusMatch()).isTrue();
        assertThat(c.structureMatch()).isTrue();
        assertThat(c.numericWithinTolerance()).isFalse();
        assertThat(c.maxAbsoluteError()).isCloseTo(0.31, within(1e-9));
        assertThat(c.maxRelativeError()).isCloseTo(0.155, within(1e-9));
        assertThat(c.top1Agreement()).isEmpty();
        assertThat(c.reason()).isEqualTo("output y max abs error 0.31 > tolerance");
    }

    @Test
    void numbersWithinTheRelativeToleranceAgree() {
        ShadowComparator relative = new ShadowComparator(new ShadowTolerance(0, 0.01));
        byte[] primary = response(fp64("y", shape(3), 100.0, -200.0, 0.0));
        byte[] shadow = response(fp64("y", shape(3), 100.9, -201.5, 0.0));

        Comparison c = relative.compare(ok(primary), ok(shadow));

        assertThat(c.agrees()).isTrue();
        assertThat(c.maxAbsoluteError()).isCloseTo(1.5, within(1e-9));
        assertThat(c.maxRelativeError()).isCloseTo(0.009, within(1e-9));
    }

    @Test
    void relativeErrorAgainstZeroIsGuarded() {
        byte[] primary = response(fp64("y", shape(1), 0.0));
        byte[] shadow = response(fp64("y", shape(1), 1e-6));

        Comparison c = comparator.compare(ok(primary), ok(shadow));

        assertThat(c.agrees()).isTrue();
        assertThat(c.maxRelativeError()).isCloseTo(1e6, within(1e-3));
    }

    @Test
    void nanAgreesOnlyWithNan() {
        byte[] nan = response(fp64("y", shape(1), Double.NaN));
        byte[] one = response(fp64("y", shape(1), 1.0));

        assertThat(comparator.compare(ok(nan), ok(nan)).reason()).isEmpty();
        Comparison c = comparator.compare(ok(one), ok(nan));
        assertThat(c.agrees()).isFalse();
        assertThat(c.maxAbsoluteError()).isInfinite();
        assertThat(c.reason()).isEqualTo("output y max abs error Infinity > tolerance");
    }

    @Test
    void shapeMismatch() {
        Comparison c = comparator.compare(
                ok(response(fp32("y", shape(1, 3), 1, 2, 3))),
                ok(response(fp32("y", shape(1, 4), 1, 2, 3, 4))));

        assertThat(c.statusMatch()).isTrue();
        assertThat(c.structureMatch()).isFalse();
        assertThat(c.numericWithinTolerance()).isFalse();
        assertThat(c.top1Agreement()).isEmpty();
        assertThat(c.reason()).isEqualTo("output y shape [1,3] vs [1,4]");
    }

    @Test
    void nameMismatch() {
        Comparison c = comparator.compare(
                ok(response(fp32("y", shape(1), 1))),
                ok(response(fp32("z", shape(1), 1))));

        assertThat(c.structureMatch()).isFalse();
        assertThat(c.reason()).isEqualTo("outputs [y] vs [z]");
    }

    @Test
    void missingOutput() {
        Comparison c = comparator.compare(
                ok(response(fp32("a", shape(1), 1), fp32("b", shape(1), 1))),
                ok(response(fp32("a", shape(1), 1))));

        assertThat(c.reason()).isEqualTo("outputs [a, b] vs [a]");
    }

    @Test
    void datatypeMismatch() {
        Comparison c = comparator.compare(
                ok(response(fp32("y", shape(2), 1, 2))),
                ok(response(fp64("y", shape(2), 1, 2))));

        assertThat(c.structureMatch()).isFalse();
        assertThat(c.reason()).isEqualTo("output y datatype FP32 vs FP64");
    }

    @Test
    void statusMismatchCountsAShadowError() {
        byte[] body = response(fp32("y", shape(1), 1));

        Comparison c = comparator.compare(ok(body),
                new Side(503, "{\"error\":\"overloaded\"}".getBytes(StandardCharsets.UTF_8), 7 * MS));

        assertThat(c.agrees()).isFalse();
        assertThat(c.statusMatch()).isFalse();
        assertThat(c.structureMatch()).isFalse();
        assertThat(c.shadowError()).isTrue();
        assertThat(c.primaryError()).isFalse();
        assertThat(c.shadowLatencyNanos()).isEqualTo(7 * MS);
        assertThat(c.reason()).isEqualTo("status 200 vs 503");
    }

    @Test
    void clientErrorOnTheShadowIsNotAShadowError() {
        Comparison c = comparator.compare(ok(response(fp32("y", shape(1), 1))), new Side(400, new byte[0], MS));

        assertThat(c.reason()).isEqualTo("status 200 vs 400");
        assertThat(c.shadowError()).isFalse();
    }

    @Test
    void shadowWithoutAnswerCountsAShadowError() {
        Comparison c = comparator.compare(ok(response(fp32("y", shape(1), 1))),
                Side.failed("connection refused", 2 * MS));

        assertThat(c.agrees()).isFalse();
        assertThat(c.statusMatch()).isFalse();
        assertThat(c.structureMatch()).isFalse();
        assertThat(c.shadowError()).isTrue();
        assertThat(c.shadowLatencyNanos()).isEqualTo(2 * MS);
        assertThat(c.reason()).isEqualTo("shadow failed: connection refused");
    }

    @Test
    void primaryFailureIsSaidFirst() {
        Comparison c = comparator.compare(Side.failed("timeout", 9 * MS), Side.failed("", MS));

        assertThat(c.primaryError()).isTrue();
        assertThat(c.shadowError()).isTrue();
        assertThat(c.reason()).isEqualTo("primary failed: timeout");
    }

    @Test
    void sameErrorStatusOnBothSidesIsNoStructureMatch() {
        byte[] error = "{\"error\":\"no such model\"}".getBytes(StandardCharsets.UTF_8);

        Comparison c = comparator.compare(new Side(404, error, MS), new Side(404, error, MS));

        assertThat(c.statusMatch()).isTrue();
        assertThat(c.structureMatch()).isFalse();
        assertThat(c.agrees()).isFalse();
        assertThat(c.reason()).isEqualTo("status 404 on both sides, no outputs to compare");
    }

    @Test
    void garbageBodiesNeverThrow() {
        byte[] good = response(fp32("y", shape(1), 1));
        byte[] garbage = "not json {".getBytes(StandardCharsets.UTF_8);

        Comparison shadowGarbage = comparator.compare(ok(good), ok(garbage));
        Comparison primaryGarbage = comparator.compare(ok(garbage), ok(good));
        Comparison wrongJson = comparator.compare(ok(good), ok("{\"x\":1}".getBytes(StandardCharsets.UTF_8)));

        assertThat(shadowGarbage.structureMatch()).isFalse();
        assertThat(shadowGarbage.statusMatch()).isTrue();
        assertThat(shadowGarbage.shadowError()).isFalse();
        assertThat(shadowGarbage.reason()).startsWith("shadow body undecodable: ");
        assertThat(primaryGarbage.reason()).startsWith("primary body undecodable: ");
        assertThat(wrongJson.structureMatch()).isFalse();
        assertThat(wrongJson.reason()).startsWith("shadow body undecodable: ").hasSizeLessThan(160);
    }

    @Test
    void bytesOutputsMustBeEqual() {
        Comparison same = comparator.compare(ok(response(bytes("s", "cat", "dog"))), ok(response(bytes("s", "cat", "dog"))));
        Comparison other = comparator.compare(ok(response(bytes("s", "cat", "dog"))), ok(response(bytes("s", "cat", "cow"))));

        assertThat(same.agrees()).isTrue();
        assertThat(other.structureMatch()).isTrue();
        assertThat(other.numericWithinTolerance()).isFalse();
        assertThat(other.reason()).isEqualTo("output s values differ");
    }

    @Test
    void boolOutputsCompareAsZeroAndOne() {
        byte[] primary = response(InferOutput.of("b", shape(2), Datatype.BOOL, new TensorData.Bools(new boolean[] {true, false})));
        byte[] shadow = response(InferOutput.of("b", shape(2), Datatype.BOOL, new TensorData.Bools(new boolean[] {true, true})));

        Comparison c = comparator.compare(ok(primary), ok(shadow));

        assertThat(c.maxAbsoluteError()).isEqualTo(1.0);
        assertThat(c.reason()).isEqualTo("output b max abs error 1 > tolerance");
        assertThat(c.top1Agreement()).isEmpty();
    }

    @Test
    void topOneAgreesWhenEveryRowsArgmaxIsTheSame() {
        byte[] primary = response(fp32("probs", shape(2, 3), 0.1f, 0.7f, 0.2f, 0.6f, 0.3f, 0.1f));
        byte[] shadow = response(fp32("probs", shape(2, 3), 0.2f, 0.5f, 0.3f, 0.5f, 0.4f, 0.1f));

        Comparison c = comparator.compare(ok(primary), ok(shadow));

        assertThat(c.top1Agreement()).contains(true);
        assertThat(c.numericWithinTolerance()).isFalse();
        assertThat(c.maxAbsoluteError()).isCloseTo(0.2, within(1e-6));
        assertThat(c.reason()).startsWith("output probs max abs error 0.2");
    }

    @Test
    void topOneDisagreesWhenARowsArgmaxFlipsEvenWithinTolerance() {
        ShadowComparator loose = new ShadowComparator(new ShadowTolerance(0.1, 0));
        byte[] primary = response(fp32("probs", shape(2, 3), 0.1f, 0.7f, 0.2f, 0.45f, 0.44f, 0.11f));
        byte[] shadow = response(fp32("probs", shape(2, 3), 0.1f, 0.7f, 0.2f, 0.44f, 0.45f, 0.11f));

        Comparison c = loose.compare(ok(primary), ok(shadow));

        assertThat(c.numericWithinTolerance()).isTrue();
        assertThat(c.top1Agreement()).contains(false);
        assertThat(c.agrees()).isFalse();
        assertThat(c.reason()).isEqualTo("output probs top-1 differs in 1 of 2 rows");
    }

    @Test
    void topOneOfASingleScoreVector() {
        Comparison c = comparator.compare(
                ok(response(fp64("logits", shape(3), 1, 5, 2))),
                ok(response(fp64("logits", shape(3), 6, 5, 2))));

        assertThat(c.top1Agreement()).contains(false);
    }

    @Test
    void noTopOneForOutputsThatAreNotClassificationShaped() {
        byte[] column = response(fp32("y", shape(2, 1), 1, 2));
        byte[] integers = response(int64("y", shape(2, 3), 1, 2, 3, 4, 5, 6));
        byte[] threeDims = response(fp32("y", shape(1, 2, 2), 1, 2, 3, 4));
        byte[] strings = response(bytes("y", "a", "b"));

        for (byte[] body : new byte[][] {column, integers, threeDims, strings}) {
            assertThat(comparator.compare(ok(body), ok(body)).top1Agreement()).isEqualTo(Optional.empty());
        }
    }
}
