package dev.shunt.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Small realtime requests (1 row, {@code X-Latency-Class: realtime}) arriving at a constant rate,
 * whatever the answers' speed (open model). {@code -Drate=100 -Dduration=30s}. Passes when at least
 * 99% are answered 200.
 */
public class SmallRealtimeSimulation extends Simulation {
    {
        Duration duration = ShuntRequests.duration("duration", Duration.ofSeconds(30));
        double rate = ShuntRequests.doubleProperty("rate", 100);
        setUp(scenario("small realtime").exec(ShuntRequests.infer("realtime", 1, 1))
                .injectOpen(constantUsersPerSec(rate).during(duration)))
                .protocols(ShuntRequests.protocol())
                .assertions(global().successfulRequests().percent().gte(99.0));
    }
}
