package dev.shunt.gateway.edge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Recognises {@code /v2/models/{m}/infer} and {@code /v2/models/{m}/versions/{v}/infer} without the
 * router, for the hot path. Anything else (or anything odd) is left to the router, which answers it.
 */
final class InferPath {

    private static final String PREFIX = "/v2/models/";
    private static final String SUFFIX = "/infer";
    private static final String VERSIONS = "/versions/";

    private InferPath() {}

    /** The model name, or null when the path is not a plain infer path. */
    static String model(String path) {
        if (path == null || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)
                || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        String middle = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        int slash = middle.indexOf('/');
        String model = middle;
        if (slash >= 0) {
            int versions = middle.indexOf(VERSIONS);
            if (versions != slash || versions == 0) {
                return null;
            }
            String version = middle.substring(versions + VERSIONS.length());
            if (version.isEmpty() || version.indexOf('/') >= 0) {
                return null;
            }
            model = middle.substring(0, slash);
        }
        if (model.indexOf('%') >= 0) {
            try {
                model = URLDecoder.decode(model.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return model.isEmpty() ? null : model;
    }
}
