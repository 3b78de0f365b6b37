package dev.shunt.gateway.error;

import java.util.Locale;

/** How a request ended, as the {@code outcome} label of {@code shunt_requests_total} and its timer. */
public enum Outcome {
    /** The backend answered below 400. */
    OK,
    /** The backend answered 4xx. */
    CLIENT_ERROR,
    /** The backend answered 5xx. */
    BACKEND_ERROR,
    /** The gateway refused the request as invalid (400). */
    INVALID,
    /** No route serves the model, or no rule matches (404). */
    NO_ROUTE,
    /** No such endpoint (404). */
    NOT_FOUND,
    /** Shed under load: a shed class (429) or every pool saturated (503). */
    SHED,
    /** No healthy backend could take it (503). */
    NO_BACKEND,
    /** The backend did not answer within the deadline (504). */
    TIMEOUT,
    /** The deadline passed before it could be sent (504). */
    DEADLINE,
    /** The backend failed before answering (502). */
    UNREACHABLE,
    /** The body was over the listener's limit (413). */
    TOO_LARGE,
    /** Anything unexpected (500). */
    ERROR;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The metric label: {@code ok}, {@code client_error}, {@code shed}, ... */
    public String label() {
        return label;
    }

    /** The outcome of a backend's answer with this status. */
    public static Outcome ofStatus(int status) {
        return status < 400 ? OK : status < 500 ? CLIENT_ERROR : BACKEND_ERROR;
    }
}
