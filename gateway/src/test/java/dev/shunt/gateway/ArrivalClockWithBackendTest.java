package dev.shunt.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.shunt.backend.cpu.WorkerPoolConfig;
import dev.shunt.backend.cpu.WorkerPoolScheduler;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelVariant;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.ServerFixture;
import dev.shunt.protocol.InferenceCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request's clock starts when its headers arrive, before its body: a body that comes slowly counts in
 * {@code shunt_request_duration_seconds}, against the deadline and in goodput; and a request the chosen
 * pool cannot answer before its deadline is refused at admission ({@code rejectUnmeetable}). A real
 * cpu-backend (mlp) behind the gateway.
 */
class ArrivalClockWithBackendTest {

    static final InferenceCodec CODEC = new InferenceCodec();
    static final long BODY_DELAY_MS = 400;

    static ServerFixture cpu;
    TestGateway gateway;

    @BeforeAll
    static void startBackend() throws Exception {
        cpu = new ServerFixture("cpu", EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                m -> WorkerPoolScheduler.start(m, new WorkerPoolConfig(1, 64), Ticker.system()), 64L << 20);
    }

    @AfterAll
    static void stopBackend() throws Exception {
        cpu.close();
    }

    @AfterEach
    void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    TestGateway gateway(String routeExtra, String latency) throws Exception {
        gateway = TestGateway.start("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools: {cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1m, timeout: 5s}%s}}
                routes: [{name: default, policy: {type: rules, rules: [{name: all, pool: cpu}]}%s}]
                """.formatted(cpu.http().port(), latency, routeExtra));
        return gateway;
    }

    /** Sends the headers at once and the body {@code delayMs} later; the status and body of the answer. */
    String postWithSlowBody(Map<String, String> headers, long delayMs) throws Exception {
        byte[] body = Bodies.mlp(1, 7);
        HttpClient client = gateway.vertx.createHttpClient();
        try {
            Promise<HttpClientResponse> answered = Promise.promise();
            client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(gateway.port())
                    .setURI("/v2/models/mlp/infer")).onSuccess(request -> {
                        request.putHeader("Content-Type", "application/json");
                        request.putHeader("Content-Length", Integer.toString(body.length));
                        headers.forEach(request::putHeader);
                        request.response().onComplete(answered);
                        request.sendHead().onSuccess(v -> gateway.vertx.setTimer(delayMs,
                                t -> request.end(Buffer.buffer(body))));
                    }).onFailure(answered::fail);
            Future<String> text = answered.future().compose(r -> r.body().map(b -> r.statusCode() + " " + b));
            return text.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    /** The sum of the values of {@code name}'s series that carry every one of {@code labels}. */
    static double metric(String scrape, String name, String... labels) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    @Test
    void aSlowBodyCountsFromTheArrivalOfItsHeaders() throws Exception {
        gateway("", "");

        String answer = postWithSlowBody(Map.of("X-Latency-Class", "realtime", "X-Request-Timeout-Ms", "5000"),
                BODY_DELAY_MS);

        assertThat(answer).startsWith("200 ");
        String scrape = gateway.http.get("/metrics").bodyAsString();
        String realtime = "class=\"realtime\"";
        assertThat(metric(scrape, "shunt_request_duration_seconds_count", realtime)).isEqualTo(1.0);
        assertThat(metric(scrape, "shunt_request_duration_seconds_sum", realtime))
                .as("the 400 ms the body took are in the request's duration").isGreaterThanOrEqualTo(BODY_DELAY_MS / 1e3);
        assertThat(metric(scrape, "shunt_request_duration_seconds_bucket", realtime, "le=\"0.2\""))
                .as("not in any bucket under 400 ms").isZero();
        assertThat(metric(scrape, "shunt_goodput_total", realtime)).isEqualTo(1.0);
        assertThat(metric(scrape, "shunt_late_total", realtime)).isZero();
    }

    @Test
    void aDeadlineThatPassesWhileTheBodyComesIsA504AndNothingIsSent() throws Exception {
        gateway("", "");

        String answer = postWithSlowBody(Map.of("X-Latency-Class", "realtime", "X-Request-Timeout-Ms", "250"),
                BODY_DELAY_MS);

        assertThat(answer).startsWith("504 ");
        assertThat(CODEC.decodeError(answer.substring(4).getBytes()).error())
                .isEqualTo("deadline passed before the request could be sent");
        String scrape = gateway.http.get("/metrics").bodyAsString();
        assertThat(metric(scrape, "shunt_requests_total", "class=\"realtime\"", "outcome=\"deadline\"")).isEqualTo(1.0);
        assertThat(metric(scrape, "shunt_request_duration_seconds_sum", "class=\"realtime\""))
                .isGreaterThanOrEqualTo(BODY_DELAY_MS / 1e3);
        assertThat(metric(scrape, "shunt_upstream_duration_seconds_count")).as("never sent to the backend").isZero();
        assertThat(metric(scrape, "shunt_goodput_total")).isZero();
    }

    @Test
    void aRequestThePoolCannotAnswerInTimeIsRefusedAtAdmission() throws Exception {
        // the pool is expected to take 500 ms a request until it has answered some
        gateway(", rejectUnmeetable: true", ", latency: {prior: {fixed: 500ms, perRow: 0ms}}");

        var refused = gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1),
                Map.of("Content-Type", "application/json", "X-Latency-Class", "realtime"));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getHeader("Content-Type")).startsWith("application/json");
        assertThat(refused.getHeader("X-Shunt-Reason")).isEqualTo("deadline-unmeetable");
        assertThat(CODEC.decodeError(refused.body().getBytes()).error())
                .isEqualTo("no pool is expected to answer before the deadline; retry later");

        var inTime = gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1),
                Map.of("Content-Type", "application/json", "X-Latency-Class", "realtime", "X-Request-Timeout-Ms", "2000"));
        assertThat(inTime.statusCode()).isEqualTo(200);

        String scrape = gateway.http.get("/metrics").bodyAsString();
        assertThat(metric(scrape, "shunt_shed_total", "class=\"realtime\"", "reason=\"deadline-unmeetable\""))
                .isEqualTo(1.0);
        assertThat(metric(scrape, "shunt_requests_total", "class=\"realtime\"", "outcome=\"shed\"")).isEqualTo(1.0);
        assertThat(metric(scrape, "shunt_upstream_duration_seconds_count")).as("only the one in time was sent")
                .isEqualTo(1.0);
    }
}
