package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** An output the client asks for by name; when a request names none, every output is returned. */
public record RequestedOutput(String name, Map<String, Object> parameters) {

    public RequestedOutput {
        requireNonNull(name, "name");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
