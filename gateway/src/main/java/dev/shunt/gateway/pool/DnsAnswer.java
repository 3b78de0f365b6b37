package dev.shunt.gateway.pool;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.BackendAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backends one DNS lookup found, each once and in a stable order (servers rotate their answers),
 * and how long the answer may be kept.
 *
 * @param backends the backends, by id
 * @param ttl the smallest TTL of the records the answer took
 */
record DnsAnswer(List<BackendAddress> backends, Duration ttl) {

    DnsAnswer {
        Map<String, BackendAddress> byId = new LinkedHashMap<>();
        for (BackendAddress b : requireNonNull(backends, "backends")) {
            byId.putIfAbsent(b.id(), b);
        }
        backends = byId.values().stream().sorted(Comparator.comparing(BackendAddress::id)).toList();
        requireNonNull(ttl, "ttl");
    }
}
