package dev.shunt.gateway.pipeline;

import dev.shunt.gateway.forward.UpstreamFailure;

/**
 * Which failures may be retried on another backend: only those where the request provably did not
 * reach the model (no connection; the connection closed before the request was written; a 503, which
 * Shunt's and Triton's servers send before any work), never after the body may have been run.
 */
final class RetryRule {

    private RetryRule() {}

    static boolean retryable(Throwable failure) {
        return failure instanceof UpstreamFailure u && u.kind().retryable();
    }

    static boolean retryable(int status) {
        return status == 503;
    }
}
