package dev.shunt.loadtest.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * One route's cutover as {@code GET /admin/cutover} shows it (among replicas: the leader's answer).
 *
 * @param state {@code RUNNING}, {@code COMPLETED}, ...; {@code NONE} when the route has none
 * @param stepIndex the current step
 * @param stepStartedAt when the step's bake began, as the gateway wrote it
 */
record CutoverStatus(String state, int stepIndex, String stepStartedAt) {

    static CutoverStatus of(GatewayProbe probe, String route) throws IOException, InterruptedException {
        for (JsonNode c : probe.admin("/admin/cutover").path("cutovers")) {
            if (route.equals(c.path("route").asText())) {
                return new CutoverStatus(c.path("state").asText(), c.path("stepIndex").asInt(-1),
                        c.path("stepStartedAt").asText());
            }
        }
        return new CutoverStatus("NONE", -1, "");
    }

    /** {@code POST /admin/cutover} with {@code action} for {@code route}; fails unless 200. */
    static void act(GatewayProbe probe, String route, String action) throws IOException, InterruptedException {
        var r = probe.adminPost("/admin/cutover", "{\"route\":\"" + route + "\",\"action\":\"" + action + "\"}");
        if (r.statusCode() != 200) {
            throw new IOException("cutover " + action + " of " + route + " on :" + probe.port() + ": " + r.statusCode()
                    + " " + r.body());
        }
    }
}
