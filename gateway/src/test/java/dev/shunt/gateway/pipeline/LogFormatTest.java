package dev.shunt.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The logging configuration every Shunt process loads ({@code logback.xml}), in both formats: plain lines
 * carry an ISO-8601 timestamp, {@code SHUNT_LOG_FORMAT=json} gives one JSON object per line, and the access
 * log line of a request reads the same in both.
 */
class LogFormatTest {

    /** Configures a fresh logging context from the shipped file, runs {@code body}, returns what it printed. */
    static List<String> printed(String format, java.util.function.Consumer<LoggerContext> body) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LoggerContext context = new LoggerContext();
            context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // what the SLF4J binding sets
            if (format != null) {
                context.putProperty("SHUNT_LOG_FORMAT", format);
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getClassLoader().getResource("logback.xml"));
            body.accept(context);
            // the access log's queue drains into the console appender while that still runs
            context.getLogger(AccessLog.LOGGER).getAppender("access").stop();
            context.stop();
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    static void requestAndEvent(LoggerContext context) {
        context.getLogger("dev.shunt.gateway.GatewayServer").info("shunt gateway listening on http://127.0.0.1:8000");
        new AccessLog(context.getLogger(AccessLog.LOGGER), () -> true)
                .record("r-1", "mlp", "realtime", "cpu", "127.0.0.1:8001", 200, 1_234_567, 2100, 95);
    }

    @Test
    void plainLinesStartWithATimestamp() throws Exception {
        List<String> lines = printed(null, LogFormatTest::requestAndEvent);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  .*"
                + "GatewayServer - shunt gateway listening on http://127.0.0.1:8000");
        assertThat(lines.get(1)).endsWith("shunt.access - id=r-1 model=mlp class=realtime pool=cpu"
                + " backend=127.0.0.1:8001 status=200 ms=1.235 in=2100 out=95");
    }

    @Test
    void jsonLinesAreOneObjectEachWithTheRequestsFields() throws Exception {
        List<String> lines = printed("json", LogFormatTest::requestAndEvent);
        ObjectMapper json = new ObjectMapper();

        assertThat(lines).hasSize(2);
        JsonNode event = json.readTree(lines.get(0));
        assertThat(event.get("level").asText()).isEqualTo("INFO");
        assertThat(event.get("message").asText()).isEqualTo("shunt gateway listening on http://127.0.0.1:8000");
        assertThat(event.get("timestamp").asLong()).isPositive();
        JsonNode access = json.readTree(lines.get(1));
        assertThat(access.get("loggerName").asText()).isEqualTo("shunt.access");
        assertThat(access.toString()).contains("\"status\":\"200\"").contains("\"pool\":\"cpu\"").contains("\"id\":\"r-1\"");
    }

    @Test
    void turnedOffItWritesNothing() throws Exception {
        List<String> lines = printed(null, context -> new AccessLog(context.getLogger(AccessLog.LOGGER), () -> false)
                .record("r-1", "mlp", "realtime", "cpu", "-", 504, 1, 1, -1));

        assertThat(lines).isEmpty();
    }
}
