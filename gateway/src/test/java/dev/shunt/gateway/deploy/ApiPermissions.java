package dev.shunt.gateway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kubernetes RBAC permissions, one per API group, resource, verb and object name ({@code *}: any), as a
 * Role grants them and as requests to the API server need them.
 */
final class ApiPermissions {

    /** One permission; {@code name} is {@code *} where any object is meant (always so for create). */
    record Permission(String apiGroup, String resource, String verb, String name) implements Comparable<Permission> {

        @Override
        public int compareTo(Permission o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return (apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resource + " " + verb + " " + name;
        }
    }

    private ApiPermissions() {}

    /** What a Role's rules grant, each rule spread out. */
    static Set<Permission> granted(JsonNode role) {
        Set<Permission> granted = new TreeSet<>();
        for (JsonNode rule : role.path("rules")) {
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    for (JsonNode verb : rule.path("verbs")) {
                        if (rule.path("resourceNames").isEmpty()) {
                            granted.add(new Permission(group.asText(), resource.asText(), verb.asText(), "*"));
                        }
                        for (JsonNode name : rule.path("resourceNames")) {
                            granted.add(new Permission(group.asText(), resource.asText(), verb.asText(), name.asText()));
                        }
                    }
                }
            }
        }
        return granted;
    }

    /**
     * What a request to a namespaced resource needs: {@code /api/v1/namespaces/<ns>/<resource>[/<name>]} or
     * {@code /apis/<group>/<version>/namespaces/<ns>/<resource>[/<name>]}.
     */
    static Permission needed(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        boolean watch = query >= 0 && path.substring(query).contains("watch=true");
        String[] parts = (query >= 0 ? path.substring(0, query) : path).substring(1).split("/");
        int at = parts[0].equals("api") ? 1 : 2; // the version
        if (parts.length < at + 4 || !parts[at + 1].equals("namespaces")) {
            throw new AssertionError("not a namespaced resource: " + request.getMethod() + " " + path);
        }
        String group = parts[0].equals("api") ? "" : parts[1];
        String resource = parts[at + 3];
        String name = parts.length > at + 4 ? parts[at + 4] : "*";
        String verb = switch (request.getMethod()) {
            case "GET" -> name.equals("*") ? (watch ? "watch" : "list") : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> throw new AssertionError("method " + request.getMethod() + ": " + path);
        };
        return new Permission(group, resource, verb, verb.equals("create") ? "*" : name);
    }
}
