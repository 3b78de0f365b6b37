package dev.shunt.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.backend.metrics.BackendMetricNames;
import dev.shunt.gateway.metrics.GatewayMetricNames;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus files in {@code deploy/prometheus}: Debian's {@code promtool} accepts the rules and the
 * local scrape config, every alert's unit test passes, and every metric the rules read is one the
 * gateway or the model servers export. In CI ({@code CI} set) promtool must be there ({@code .ci/run}
 * installs Debian's {@code prometheus}); elsewhere the test is skipped without it.
 */
class PrometheusRulesTest {

    static final Path DIR = Path.of("..", "deploy", "prometheus");

    @BeforeAll
    static void promtool() throws Exception {
        boolean present = run(List.of("promtool", "--version")).exit() == 0;
        if (System.getenv("CI") != null) {
            assertThat(present).as("promtool (.ci/run installs Debian's prometheus)").isTrue();
        }
        Assumptions.assumeTrue(present, "promtool is not installed");
    }

    record Result(int exit, String output) {}

    static Result run(List<String> command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        }
    }

    @Test
    void promtoolAcceptsTheRulesAndTheLocalScrapeConfig() throws Exception {
        Result rules = run(List.of("promtool", "check", "rules", "rules/shunt-recording.yml", "rules/shunt-alerts.yml"));
        assertThat(rules.exit()).as(rules.output()).isZero();
        assertThat(rules.output()).contains("SUCCESS: 9 rules found", "SUCCESS: 12 rules found");
        Result config = run(List.of("promtool", "check", "config", "prometheus.yml"));
        assertThat(config.exit()).as(config.output()).isZero();
    }

    @Test
    void everyAlertsUnitTestPasses() throws Exception {
        Result tests = run(List.of("promtool", "test", "rules", "tests/shunt-alerts-test.yml"));

        assertThat(tests.exit()).as(tests.output()).isZero();
        String alerts = Files.readString(DIR.resolve("rules/shunt-alerts.yml"));
        String cases = Files.readString(DIR.resolve("tests/shunt-alerts-test.yml"));
        Matcher names = Pattern.compile("- alert: (\\w+)").matcher(alerts);
        int count = 0;
        while (names.find()) {
            count++;
            assertThat(cases).as("a unit test that fires " + names.group(1))
                    .containsPattern("alertname: " + names.group(1) + "\\s+exp_alerts:\\s+- exp_labels");
        }
        assertThat(count).isEqualTo(12);
    }

    @Test
    void everyMetricTheRulesReadIsExported() throws Exception {
        Set<String> exported = new HashSet<>();
        exported.addAll(constants(GatewayMetricNames.class));
        exported.addAll(constants(BackendMetricNames.class));
        Set<String> read = new TreeSet<>();
        for (String file : List.of("rules/shunt-recording.yml", "rules/shunt-alerts.yml")) {
            String rules = Files.readString(DIR.resolve(file)).replaceAll("(?m)^\\s*#.*$", ""); // not the comments
            Matcher m = Pattern.compile("\\b(shunt_[a-z_]+)").matcher(rules);
            while (m.find()) {
                read.add(m.group(1).replaceAll("_(bucket|sum|count|total)$", ""));
            }
        }

        assertThat(read).hasSizeGreaterThan(8);
        assertThat(exported).containsAll(read);
    }

    private static Set<String> constants(Class<?> names) throws IllegalAccessException {
        Set<String> out = new HashSet<>();
        for (Field f : names.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers()) && f.getType() == String.class) {
                out.add((String) f.get(null));
            }
        }
        return out;
    }
}
