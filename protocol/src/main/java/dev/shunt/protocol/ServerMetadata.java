package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Server metadata ({@code GET /v2}). */
public record ServerMetadata(String name, String version, List<String> extensions) {

    public ServerMetadata {
        requireNonNull(name, "name");
        requireNonNull(version, "version");
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }
}
