package dev.shunt.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A gateway's routing decisions by reason, read from its {@code shunt_route_decisions_total} on {@code /metrics}. */
final class RouteDecisions {

    private static final Pattern LINE = Pattern.compile("^shunt_route_decisions_total\\{([^}]*)\\}\\s+(\\S+)$");
    private static final Pattern REASON = Pattern.compile("reason=\"([^\"]*)\"");

    private RouteDecisions() {}

    /** Scrapes the gateway on {@code port}. */
    static Map<String, Long> fetch(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return parse(response.body());
    }

    /** Decisions per reason in a Prometheus text page, summed over routes. */
    static Map<String, Long> parse(String page) {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : page.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            Matcher reason = REASON.matcher(m.group(1));
            if (reason.find()) {
                counts.merge(reason.group(1), Math.round(Double.parseDouble(m.group(2))), Long::sum);
            }
        }
        return counts;
    }

    /** {@code reason share%, ...} in descending order of count. */
    static String describe(Map<String, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "none recorded";
        }
        StringBuilder sb = new StringBuilder();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e ->
                sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "`%s` %.1f%%", e.getKey(),
                        100.0 * e.getValue() / total)));
        return sb.append(" of ").append(total).toString();
    }
}
