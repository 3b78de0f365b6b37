package dev.shunt.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The objects {@code kubectl kustomize deploy/k8s/overlays/<overlay>} renders, parsed from its YAML
 * stream. {@code kubectl} comes from {@code $KUBECTL} or the {@code PATH}; without it the test is
 * skipped, or fails when {@code CI} is set.
 */
final class RenderedManifests {

    static final YAMLMapper YAML = new YAMLMapper();
    private static final long RENDER_TIMEOUT_SECONDS = 60;

    private final String overlay;
    private final List<JsonNode> objects;

    private RenderedManifests(String overlay, List<JsonNode> objects) {
        this.overlay = overlay;
        this.objects = List.copyOf(objects);
    }

    /** The repository's root: the nearest folder above the working directory with {@code deploy/k8s}. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/k8s/base"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/k8s/base above " + Path.of("").toAbsolutePath());
    }

    /** Renders an overlay, waiting at most a minute for kubectl. */
    static RenderedManifests render(String overlay) throws IOException, InterruptedException {
        Path kubectl = kubectl();
        Path dir = repositoryRoot().resolve("deploy/k8s/overlays").resolve(overlay);
        Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
        Path err = Files.createTempFile("kustomize-" + overlay, ".err");
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(RENDER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("%s kustomize %s: no answer within %d s", kubectl, dir, RENDER_TIMEOUT_SECONDS);
            }
            assertThat(process.exitValue()).as("%s kustomize %s: %s", kubectl, dir, Files.readString(err)).isZero();
            List<JsonNode> objects = new ArrayList<>();
            try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(out.toFile())) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc != null && doc.isObject()) {
                        objects.add(doc);
                    }
                }
            }
            return new RenderedManifests(overlay, objects);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Path kubectl() {
        String given = System.getenv("KUBECTL");
        if (given != null && !given.isBlank()) {
            assertThat(Path.of(given)).as("$KUBECTL").isExecutable();
            return Path.of(given);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String reason = "kubectl not found on the PATH (nor $KUBECTL): the Kubernetes manifests in deploy/k8s "
                + "are not checked; install kubectl (Debian: apt-get install kubernetes-client)";
        if (System.getenv("CI") != null) {
            fail(reason + " [CI is set, so this is a failure]");
        }
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    String overlay() {
        return overlay;
    }

    /** Every object of a kind. */
    List<JsonNode> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    /** The object of a kind and name (a generated one may carry a hash suffix: {@code name-<hash>}). */
    Optional<JsonNode> find(String kind, String name) {
        return all(kind).stream().filter(o -> name.equals(name(o))).findFirst();
    }

    /** The object of a kind and name, which must be there. */
    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name
                + " among " + objects.stream().map(o -> o.path("kind").asText() + " " + name(o)).toList()));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String namespace(JsonNode object) {
        return object.path("metadata").path("namespace").asText();
    }

    /** The Deployments whose pods a selector ({@code spec.selector} of a Service) picks. */
    List<JsonNode> deploymentsSelectedBy(JsonNode selector) {
        return all("Deployment").stream().filter(d -> matches(selector, d.at("/spec/template/metadata/labels")))
                .toList();
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    /** A container's port by name or number ({@code http}, {@code 8000}). */
    static int containerPort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container.path("ports")) {
            if (port.asText().equals(p.path("name").asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("container " + container.path("name").asText() + " has no port " + port);
    }

    /** The only container of a Deployment's pods. */
    static JsonNode onlyContainer(JsonNode deployment) {
        JsonNode containers = deployment.at("/spec/template/spec/containers");
        assertThat(containers.size()).as("%s: containers", name(deployment)).isEqualTo(1);
        return containers.get(0);
    }

    /** A container's {@code args} as strings. */
    static String[] args(JsonNode container) {
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        return args.toArray(String[]::new);
    }

    /** The value of a container's environment variable, or null. */
    static JsonNode env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (name.equals(e.path("name").asText())) {
                return e;
            }
        }
        return null;
    }

    /** The seconds a {@code preStop: exec: [sleep, N]} hook waits; 0 without one. */
    static long preStopSleepSeconds(JsonNode container) {
        JsonNode command = container.at("/lifecycle/preStop/exec/command");
        if (command.isMissingNode()) {
            return 0;
        }
        assertThat(command.get(0).asText()).as("%s: preStop", container.path("name").asText()).isEqualTo("sleep");
        return Long.parseLong(command.get(1).asText());
    }
}
