package dev.shunt.gateway.trace;

import io.opentelemetry.api.common.AttributeKey;

/** The gateway's span names and attribute keys, in one place (as the metric names are). */
public final class SpanNames {

    private SpanNames() {}

    /** The server span of an inference request: the route, not the model, so names stay few. */
    public static final String REQUEST = "POST /v2/models/{model}/infer";
    /** The client span of one attempt at a backend. */
    public static final String UPSTREAM = "upstream";
    /** The client span of one mirrored copy, linked to its request's span. */
    public static final String MIRROR = "mirror";

    public static final AttributeKey<String> ROUTE = AttributeKey.stringKey("shunt.route");
    public static final AttributeKey<String> CLASS = AttributeKey.stringKey("shunt.class");
    public static final AttributeKey<String> POOL = AttributeKey.stringKey("shunt.pool");
    public static final AttributeKey<String> REASON = AttributeKey.stringKey("shunt.reason");
    public static final AttributeKey<String> BACKEND = AttributeKey.stringKey("shunt.backend");
    public static final AttributeKey<String> MODEL = AttributeKey.stringKey("shunt.model");
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("shunt.attempt");
    /** Whether a copy went to the shadow pool (true) or to a second replica of the primary's pool (false). */
    public static final AttributeKey<Boolean> SHADOW = AttributeKey.booleanKey("shunt.shadow");
    public static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    public static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    public static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    public static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    public static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
}
