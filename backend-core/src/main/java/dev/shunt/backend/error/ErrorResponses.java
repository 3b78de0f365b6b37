package dev.shunt.backend.error;

import dev.shunt.protocol.ClientText;
import dev.shunt.protocol.InvalidRequestException;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place that maps failures to HTTP statuses and client-facing messages. Anything unexpected
 * becomes a 500 with a generic message: stack traces and class names never reach the client, and the
 * messages of invalid requests and model failures pass through {@link ClientText} (no library internals).
 */
public final class ErrorResponses {

    /** Outcome label of a request answered with outputs. */
    public static final String OK = "ok";

    private ErrorResponses() {}

    /** The response for a failure. */
    public static HttpError of(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof InvalidRequestException e) {
            return new HttpError(400, ClientText.of(e.getMessage()), OptionalInt.empty(), "invalid");
        }
        if (t instanceof ModelNotFoundException e) {
            return new HttpError(404, e.getMessage(), OptionalInt.empty(), "not_found");
        }
        if (t instanceof QueueFullException e) {
            return new HttpError(503, e.getMessage(), OptionalInt.of(1), "queue_full");
        }
        if (t instanceof ShuttingDownException e) {
            return new HttpError(503, e.getMessage(), OptionalInt.of(1), "shutting_down");
        }
        if (t instanceof DeadlineExceededException e) {
            return new HttpError(504, e.getMessage(), OptionalInt.empty(), "deadline");
        }
        if (t instanceof ModelExecutionException e) {
            return new HttpError(500, ClientText.of(e.getMessage()), OptionalInt.empty(), "error");
        }
        return new HttpError(500, "internal error", OptionalInt.empty(), "error");
    }

    /** 413 for a body over the cap. */
    public static HttpError bodyTooLarge(long limitBytes) {
        return new HttpError(413, "request body is larger than the limit of " + limitBytes + " bytes",
                OptionalInt.empty(), "too_large");
    }

    /** 404 for a path that is not part of the API. */
    public static HttpError noSuchPath(String method, String path) {
        return new HttpError(404, "no such endpoint: " + method + " " + truncate(path), OptionalInt.empty(), "not_found");
    }

    /** 405 for a known path with the wrong method. */
    public static HttpError methodNotAllowed(String method, String path) {
        return new HttpError(405, "method " + method + " is not allowed on " + truncate(path), OptionalInt.empty(), "invalid");
    }

    private static String truncate(String path) {
        return path.length() <= 200 ? path : path.substring(0, 200) + "...";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
