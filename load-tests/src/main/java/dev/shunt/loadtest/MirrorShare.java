package dev.shunt.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The share of a mirroring gateway's requests whose copy reached the shadow and was answered, read
 * from its own {@code /metrics}: copies sent, less those that failed or timed out, over requests served.
 */
record MirrorShare(double requests, double sent, double failed) {

    private static final Pattern LINE = Pattern.compile("^(shunt_requests_total|shunt_mirror_requests_total)\\{([^}]*)} ([0-9.E+-]+)$",
            Pattern.MULTILINE);

    /** Copies answered by the shadow over requests served, 0..1 (NaN before any request). */
    double delivered() {
        return requests == 0 ? Double.NaN : Math.max(0, sent - failed) / requests;
    }

    static MirrorShare scrape(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return parse(text);
    }

    static MirrorShare parse(String metrics) {
        double requests = 0;
        double sent = 0;
        double failed = 0;
        Matcher m = LINE.matcher(metrics);
        while (m.find()) {
            double value = Double.parseDouble(m.group(3));
            if (m.group(1).equals("shunt_requests_total")) {
                requests += value;
            } else if (m.group(2).contains("outcome=\"sent\"")) {
                sent += value;
            } else if (m.group(2).contains("outcome=\"error\"") || m.group(2).contains("outcome=\"timeout\"")) {
                failed += value;
            }
        }
        return new MirrorShare(requests, sent, failed);
    }
}
