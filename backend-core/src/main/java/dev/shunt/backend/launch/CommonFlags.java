package dev.shunt.backend.launch;

import dev.shunt.backend.http.ServerOptions;
import dev.shunt.connection.ConnectionLimits;
import dev.shunt.backend.model.ModelVariant;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Flags both model servers take (a picocli mixin). */
public final class CommonFlags {

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container).")
    String host;

    @Option(names = "--model", defaultValue = "mlp",
            description = "Embedded model to serve: mlp or convnet (default: ${DEFAULT-VALUE}). "
                    + "With --model-file, the name comes from the metadata file instead.")
    String model;

    @Option(names = "--variant", defaultValue = "production",
            description = "Weights of an embedded model: production, or candidate (slightly perturbed, served "
                    + "under the same name, for shadow-validation demos) (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--model-file", paramLabel = "FILE",
            description = "Serve your own TorchScript file instead of an embedded model.")
    Path modelFile;

    @Option(names = "--model-metadata", paramLabel = "FILE",
            description = "v2 metadata of --model-file (name, inputs, outputs as JSON); "
                    + "default: the model file's name with .json.")
    Path modelMetadata;

    @Option(names = "--queue-capacity", defaultValue = "256",
            description = "Requests that may wait; over it the server answers 503 + Retry-After (default: ${DEFAULT-VALUE}).")
    int queueCapacity;

    @Option(names = "--max-body-bytes", defaultValue = "67108864",
            description = "Largest request body; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--event-loops", defaultValue = "1",
            description = "Vert.x event loop threads (HTTP only; inference runs on workers) (default: ${DEFAULT-VALUE}).")
    int eventLoops;

    @Option(names = "--shutdown-grace", defaultValue = "10s", converter = DurationConverter.class,
            description = "On SIGTERM, how long in-flight work may take to finish (default: ${DEFAULT-VALUE}).")
    Duration shutdownGrace;

    @Option(names = "--header-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "From a request's first byte until its headers are complete; over it the answer is 408 and "
                    + "the connection closes (default: ${DEFAULT-VALUE}).")
    Duration headerTimeout;

    @Option(names = "--body-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "From a request's headers until its whole body has arrived; over it the answer is 408 and "
                    + "the connection closes (default: ${DEFAULT-VALUE}).")
    Duration bodyTimeout;

    @Option(names = "--idle-timeout", defaultValue = "75s", converter = DurationConverter.class,
            description = "How long a connection may stay open with no request in progress; keep it above the "
                    + "gateway's 60 s client keep-alive (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--max-connections", defaultValue = "10000",
            description = "Connections open at once; one more is closed as soon as it is accepted "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--no-h2c",
            description = "Take HTTP/1.1 only. By default the server also takes HTTP/2 over cleartext (h2c), for a "
                    + "gateway mirroring with protocol h2c; while it does, the header timeout and the connection "
                    + "cap start once a connection's first request head has arrived, with --no-h2c at its first byte.")
    boolean noH2c;

    @Option(names = "--otlp-endpoint", paramLabel = "URL",
            description = "Send traces over OTLP (HTTP/protobuf) to this collector, e.g. http://otel-collector:4318 "
                    + "(default: no traces).")
    java.net.URI otlpEndpoint;

    /** The OTLP collector to send traces to, when tracing is on. */
    public java.util.Optional<java.net.URI> otlpEndpoint() {
        if (otlpEndpoint != null && (otlpEndpoint.getScheme() == null
                || !(otlpEndpoint.getScheme().equals("http") || otlpEndpoint.getScheme().equals("https"))
                || otlpEndpoint.getHost() == null)) {
            throw new IllegalArgumentException("--otlp-endpoint: \"" + otlpEndpoint
                    + "\" (expected: an http or https URL with a host)");
        }
        return java.util.Optional.ofNullable(otlpEndpoint);
    }

    /** The validated variant. */
    public ModelVariant variant() {
        for (ModelVariant v : ModelVariant.values()) {
            if (v.flagValue().equals(variant)) {
                return v;
            }
        }
        throw new IllegalArgumentException("--variant: \"" + variant + "\" (expected: production or candidate)");
    }

    /** The embedded model's name. */
    public String model() {
        return model;
    }

    /** The user's TorchScript file, or null for an embedded model. */
    public Path modelFile() {
        return modelFile;
    }

    /** The metadata file of {@link #modelFile()}, or null for the default. */
    public Path modelMetadata() {
        return modelMetadata;
    }

    /** Validated queue capacity. */
    public int queueCapacity() {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("--queue-capacity: " + queueCapacity + " (expected: > 0)");
        }
        return queueCapacity;
    }

    /** Listener options for a server of this name on {@code port}. */
    public ServerOptions serverOptions(int port, String serverName) {
        return new ServerOptions(host, port, maxBodyBytes, ServerOptions.DEFAULT_INLINE_DECODE_BYTES, eventLoops,
                shutdownGrace, serverName, "0.1.0", connectionLimits(), !noH2c);
    }

    /** The validated connection limits. */
    public ConnectionLimits connectionLimits() {
        positive("--header-timeout", headerTimeout);
        positive("--body-timeout", bodyTimeout);
        positive("--idle-timeout", idleTimeout);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("--max-connections: " + maxConnections + " (expected: > 0)");
        }
        return new ConnectionLimits(headerTimeout, bodyTimeout, idleTimeout, maxConnections);
    }

    private static void positive(String flag, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(flag + ": " + dev.shunt.vocabulary.Durations.format(value) + " (expected: > 0)");
        }
    }
}
