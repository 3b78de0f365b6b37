package dev.shunt.loadtest.reliability;

import dev.shunt.loadtest.RequestBodies;
import dev.shunt.loadtest.RequestKind;
import dev.shunt.vocabulary.ShuntHeaders;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The request kinds the scenarios send: {@code mlp} rows with a deadline and maybe one more header. */
final class Kinds {

    private Kinds() {}

    /** {@code rows} rows of {@code mlp}, with {@code X-Request-Timeout-Ms} from {@code deadline}. */
    static RequestKind mlp(String name, int weight, int rows, Duration deadline) {
        return mlp(name, weight, rows, deadline, Map.of());
    }

    /** The same with {@code extra} headers. */
    static RequestKind mlp(String name, int weight, int rows, Duration deadline, Map<String, String> extra) {
        Map<String, String> headers = new HashMap<>(extra);
        headers.put("Content-Type", "application/json");
        headers.put(ShuntHeaders.REQUEST_TIMEOUT_MS, Long.toString(deadline.toMillis()));
        return new RequestKind(name, weight, "/v2/models/mlp/infer", RequestBodies.forModel("mlp", rows, weight),
                headers);
    }
}
