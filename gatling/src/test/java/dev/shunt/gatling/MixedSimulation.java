package dev.shunt.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * The mix the gateway exists for: 40% realtime (1 row), 40% standard (2 rows), 20% batch (16 rows),
 * each an open arrival stream, {@code -Drate=50} in all, {@code -Dduration=30s}. Passes when at least
 * 99% are answered 200.
 */
public class MixedSimulation extends Simulation {
    {
        double rate = ShuntRequests.doubleProperty("rate", 50);
        Duration duration = ShuntRequests.duration("duration", Duration.ofSeconds(30));
        setUp(
                scenario("realtime").exec(ShuntRequests.infer("realtime", 1, 1))
                        .injectOpen(constantUsersPerSec(rate * 0.4).during(duration)),
                scenario("standard").exec(ShuntRequests.infer("standard", 2, 2))
                        .injectOpen(constantUsersPerSec(rate * 0.4).during(duration)),
                scenario("batch").exec(ShuntRequests.infer("batch", 16, 3))
                        .injectOpen(constantUsersPerSec(rate * 0.2).during(duration)))
                .protocols(ShuntRequests.protocol())
                .assertions(global().successfulRequests().percent().gte(99.0));
    }
}
