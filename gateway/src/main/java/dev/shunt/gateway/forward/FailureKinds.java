package dev.shunt.gateway.forward;

import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/** Classifies a forward's failure by the exception's type and the exchange's progress, never by message text. */
final class FailureKinds {

    private FailureKinds() {}

    static UpstreamFailure classify(Throwable failure, String backend, boolean written, boolean responded) {
        if (failure instanceof UpstreamFailure u) {
            return u;
        }
        if (isConnectFailure(failure)) {
            return new UpstreamFailure(UpstreamFailure.Kind.CONNECT_FAILED, backend, "cannot connect to " + backend);
        }
        if (failure instanceof TimeoutException) {
            return new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, backend, backend + " did not answer in time");
        }
        if (!responded && (failure instanceof HttpClosedException || failure instanceof IOException)) {
            return written
                    ? new UpstreamFailure(UpstreamFailure.Kind.RESET_AFTER_WRITE, backend,
                            backend + " closed the connection after the request was sent, before answering")
                    : new UpstreamFailure(UpstreamFailure.Kind.RESET_BEFORE_WRITE, backend,
                            backend + " closed the connection before the request was sent");
        }
        return new UpstreamFailure(UpstreamFailure.Kind.OTHER, backend, backend + " failed: " + describe(failure));
    }

    private static boolean isConnectFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** The failure's message, and its first cause's when that says more (a TLS handshake's real reason). */
    static String describe(Throwable failure) {
        String message = message(failure);
        Throwable cause = failure.getCause();
        if (cause == null || cause == failure || message(cause).equals(message)) {
            return message;
        }
        return message + " (" + cause.getClass().getSimpleName() + ": " + message(cause) + ")";
    }

    private static String message(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
