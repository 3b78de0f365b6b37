package dev.shunt.gatling;

import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Step load to overload: the mixed arrivals grow by {@code -Dstep=50} req/s every
 * {@code -Dlevel=10s} for {@code -Dlevels=8} levels from {@code -Dstart=50}. Past capacity the
 * gateway sheds batch first, then standard, realtime last (429/503 with Retry-After); the report's
 * response-time and KO curves show where. No pass/fail assertion: overload is the point.
 */
public class StepLoadSimulation extends Simulation {
    {
        double step = ShuntRequests.doubleProperty("step", 50);
        double start = ShuntRequests.doubleProperty("start", 50);
        int levels = ShuntRequests.intProperty("levels", 8);
        Duration level = ShuntRequests.duration("level", Duration.ofSeconds(10));
        setUp(
                scenario("realtime").exec(ShuntRequests.infer("realtime", 1, 1))
                        .injectOpen(stairs(step * 0.4, start * 0.4, levels, level)),
                scenario("standard").exec(ShuntRequests.infer("standard", 2, 2))
                        .injectOpen(stairs(step * 0.4, start * 0.4, levels, level)),
                scenario("batch").exec(ShuntRequests.infer("batch", 16, 3))
                        .injectOpen(stairs(step * 0.2, start * 0.2, levels, level)))
                .protocols(ShuntRequests.protocol());
    }

    private static OpenInjectionStep stairs(double step, double start, int levels, Duration level) {
        return incrementUsersPerSec(step).times(levels).eachLevelLasting(level).startingFrom(start);
    }
}
