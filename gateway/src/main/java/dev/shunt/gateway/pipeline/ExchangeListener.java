package dev.shunt.gateway.pipeline;

/**
 * Hears of each inference request once it left for its first backend (after the primary was sent:
 * a listener never delays it) and may ask for its final answer. Mirroring and cutover accounting are
 * listeners; they read the typed {@link RoutedRequest}, never the pipeline's state. Called on the
 * request's event loop: never block.
 */
@FunctionalInterface
public interface ExchangeListener {

    /** Returns who wants the request's final answer, or {@link AnswerListener#NONE}. */
    AnswerListener dispatched(Dispatch dispatch);

    /** Hears the final answer of one dispatched request, once. */
    @FunctionalInterface
    interface AnswerListener {

        /** Wants nothing. */
        AnswerListener NONE = answer -> { };

        void answered(Answer answer);
    }
}
