package dev.shunt.loadtest.reliability;

/** How a {@link FaultServer} answers an inference request (health checks it always answers 200). */
enum Fault {
    /** A valid v2 answer at once. */
    OK,
    /** A valid v2 answer after 2 s. */
    SLOW_ANSWER,
    /** Reads the request and never answers. */
    HANG,
    /** Status line and headers at once, then the body one byte every 100 ms. */
    SLOW_BODY,
    /** Headers and part of the body, then a TCP reset. */
    RESET_MID_RESPONSE,
    /** 200 with a complete HTTP body that is not valid JSON. */
    GARBAGE_JSON,
    /** 200 with a binary-tensor answer whose tensor bytes stop early: the connection closes mid-body. */
    TRUNCATED_BINARY,
    /** 500 with a JSON error: a model that fails. */
    ERROR_500
}
