package dev.shunt.gateway.cutover;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.pipeline.Dispatch;
import dev.shunt.gateway.pipeline.ExchangeListener;
import java.util.Optional;

/**
 * Feeds a cutover's step window: every request that the route's traffic shift sent to the candidate
 * ({@code Decision.Route.shiftedFrom()} present) reports its answer, an error being a failure or a 5xx.
 */
public final class CutoverAccounting implements ExchangeListener {

    private final Cutovers cutovers;

    public CutoverAccounting(Cutovers cutovers) {
        this.cutovers = requireNonNull(cutovers, "cutovers");
    }

    @Override
    public AnswerListener dispatched(Dispatch dispatch) {
        if (dispatch.request().decision().shiftedFrom().isEmpty()) {
            return AnswerListener.NONE;
        }
        Optional<Cutover> cutover = cutovers.get(dispatch.request().route().name());
        if (cutover.isEmpty()) {
            return AnswerListener.NONE;
        }
        Cutover c = cutover.get();
        return answer -> c.recordCandidate(answer.error(), answer.nanos());
    }
}
