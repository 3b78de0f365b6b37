package dev.shunt.gateway.mirror;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.classify.BodyBytes;
import dev.shunt.gateway.classify.BodyInflation;
import dev.shunt.gateway.pipeline.Answer;
import dev.shunt.gateway.pipeline.ExchangeListener;
import dev.shunt.gateway.shadow.Side;

/**
 * Joins the primary's answer with the shadow's (and with a second primary replica's, for the noise
 * floor), whichever comes first, and records the comparison once both are in. Holds the bodies only
 * until then: both sides end within their timeouts, so pairs never pile up.
 */
public final class MirrorPair implements ExchangeListener.AnswerListener {

    /** The most bytes a compressed primary answer is inflated to for the comparison. */
    static final int MAX_INFLATED = 64 << 20;

    private final RouteMirror mirror;
    private final String requestId;
    private final java.util.function.Consumer<dev.shunt.gateway.shadow.Comparison> compared;
    private Side primary;
    private Side shadow;
    private Side replica;
    private boolean expectsReplica;

    /** @param compared told of each primary-against-shadow comparison (the metrics' histograms) */
    MirrorPair(RouteMirror mirror, String requestId, java.util.function.Consumer<dev.shunt.gateway.shadow.Comparison> compared) {
        this.mirror = requireNonNull(mirror, "mirror");
        this.requestId = requireNonNull(requestId, "requestId");
        this.compared = requireNonNull(compared, "compared");
    }

    synchronized void expectReplica() {
        expectsReplica = true;
    }

    @Override
    public void answered(Answer answer) {
        primary(answer.failure().isPresent() ? Side.failed(answer.failure().get(), answer.nanos())
                : Side.answered(answer.status(), comparable(answer), answer.jsonLength(), answer.nanos()));
    }

    /**
     * The primary's body as the comparison reads it: inflated when the client asked for it compressed
     * (the shadow's copy asks for no compression), at most {@link #MAX_INFLATED} bytes; a body that will
     * not inflate within that is compared as it came, and so counts as a mismatch.
     */
    private static byte[] comparable(Answer answer) {
        byte[] raw = answer.body().getBytes();
        String encoding = answer.contentEncoding().orElse(null);
        if (BodyInflation.identity(encoding)) {
            return raw;
        }
        try {
            BodyInflation.Prefix inflated = BodyInflation.prefix(new BodyBytes(raw, 0, raw.length), encoding, MAX_INFLATED);
            if (!inflated.complete()) {
                return raw;
            }
            BodyBytes bytes = inflated.bytes();
            return java.util.Arrays.copyOfRange(bytes.array(), bytes.offset(), bytes.offset() + bytes.length());
        } catch (RuntimeException notInflatable) {
            return raw;
        }
    }

    /** The primary's answer as the client got it. */
    public synchronized void primary(Side side) {
        if (primary != null) {
            return;
        }
        primary = requireNonNull(side, "side");
        flush();
    }

    synchronized void shadow(Side side) {
        shadow = side;
        flush();
    }

    synchronized void replica(Side side) {
        replica = side;
        flush();
    }

    private void flush() {
        if (primary == null) {
            return;
        }
        if (shadow != null) {
            dev.shunt.gateway.shadow.Comparison comparison = mirror.comparator().compare(primary, shadow);
            mirror.report().record(mirror.route(), requestId, comparison);
            compared.accept(comparison);
            shadow = null;
        }
        if (expectsReplica && replica != null) {
            mirror.report().recordNoise(mirror.route(), mirror.comparator().compare(primary, replica));
            replica = null;
            expectsReplica = false;
        }
    }
}
