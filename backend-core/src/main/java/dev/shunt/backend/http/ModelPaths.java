package dev.shunt.backend.http;

import dev.shunt.backend.error.ModelNotFoundException;
import dev.shunt.protocol.ModelMetadata;

/** Checks the {@code {model}} and {@code {version}} of a request path against the served model. */
final class ModelPaths {

    private ModelPaths() {}

    /**
     * The version a request addresses (the given one, else the model's first, else null).
     *
     * @throws ModelNotFoundException when the name or version is not served here
     */
    static String resolve(ModelMetadata metadata, String name, String version) {
        if (!metadata.name().equals(name)) {
            throw new ModelNotFoundException("model \"" + shorten(name) + "\" is not served here (serving: "
                    + metadata.name() + ")");
        }
        if (version != null && !metadata.versions().contains(version)) {
            throw new ModelNotFoundException("model " + metadata.name() + " has no version \"" + shorten(version)
                    + "\" (versions: " + String.join(", ", metadata.versions()) + ")");
        }
        return version != null ? version : metadata.versions().isEmpty() ? null : metadata.versions().get(0);
    }

    static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
