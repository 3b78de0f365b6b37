package dev.shunt.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Large batch requests ({@code -Drows=32} rows, {@code X-Latency-Class: batch}) at a constant
 * arrival rate ({@code -Drate=20 -Dduration=30s}); the gateway sends them to the batching pool.
 * Passes when at least 99% are answered 200.
 */
public class LargeBatchSimulation extends Simulation {
    {
        Duration duration = ShuntRequests.duration("duration", Duration.ofSeconds(30));
        double rate = ShuntRequests.doubleProperty("rate", 20);
        int rows = ShuntRequests.intProperty("rows", 32);
        setUp(scenario("large batch").exec(ShuntRequests.infer("batch", rows, 2))
                .injectOpen(constantUsersPerSec(rate).during(duration)))
                .protocols(ShuntRequests.protocol())
                .assertions(global().successfulRequests().percent().gte(99.0));
    }
}
