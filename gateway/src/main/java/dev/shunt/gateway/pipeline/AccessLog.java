package dev.shunt.gateway.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per inference request on the logger {@code shunt.access}: request id, model, class, pool,
 * backend, status, milliseconds and body bytes in and out, as {@code key=value} text and, for JSON
 * logs, as key-value pairs. The logging configuration hands it to a bounded asynchronous queue that
 * drops lines when full, so an event loop never waits for the console. {@code listener.accessLog:
 * false} turns it off (a reload applies it).
 */
final class AccessLog {

    /** The logger's name, which the logging configuration routes to its asynchronous queue. */
    static final String LOGGER = "shunt.access";

    private final Logger log;
    private final BooleanSupplier enabled;

    AccessLog(BooleanSupplier enabled) {
        this(LoggerFactory.getLogger(LOGGER), enabled);
    }

    AccessLog(Logger log, BooleanSupplier enabled) {
        this.log = requireNonNull(log, "log");
        this.enabled = requireNonNull(enabled, "enabled");
    }

    /** Logs one request; {@code backend} is {@code -} when none answered, byte counts -1 when unknown. */
    void record(String requestId, String model, String latencyClass, String pool, String backend, int status,
            long nanos, long bytesIn, long bytesOut) {
        if (!enabled.getAsBoolean() || !log.isInfoEnabled()) {
            return;
        }
        String ms = String.format(Locale.ROOT, "%.3f", nanos / 1e6);
        log.atInfo()
                .setMessage(() -> "id=" + requestId + " model=" + model + " class=" + latencyClass + " pool=" + pool
                        + " backend=" + backend + " status=" + status + " ms=" + ms + " in=" + bytesIn + " out=" + bytesOut)
                .addKeyValue("id", requestId).addKeyValue("model", model).addKeyValue("class", latencyClass)
                .addKeyValue("pool", pool).addKeyValue("backend", backend).addKeyValue("status", status)
                .addKeyValue("ms", ms).addKeyValue("in", bytesIn).addKeyValue("out", bytesOut)
                .log();
    }
}
