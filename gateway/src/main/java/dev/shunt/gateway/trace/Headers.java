package dev.shunt.gateway.trace;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.core.MultiMap;

/** Vert.x headers as W3C trace context reads and writes them. */
final class Headers implements TextMapGetter<MultiMap>, TextMapSetter<MultiMap> {

    static final Headers INSTANCE = new Headers();

    private Headers() {}

    @Override
    public Iterable<String> keys(MultiMap carrier) {
        return carrier.names();
    }

    @Override
    public String get(MultiMap carrier, String key) {
        return carrier == null ? null : carrier.get(key);
    }

    @Override
    public void set(MultiMap carrier, String key, String value) {
        if (carrier != null) {
            carrier.set(key, value);
        }
    }
}
