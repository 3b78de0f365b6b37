package dev.shunt.gateway;

import dev.shunt.gateway.config.GatewayConfig;
import dev.shunt.gateway.config.ListenerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a reload may not change: it must never lock the operator out (an admin token variable that is
 * unset), and it cannot change what is only read at start (the listener): such a reload is refused,
 * naming the settings, so {@code /admin/config} always shows the config in force.
 */
final class ReloadRules {

    private ReloadRules() {}

    /** Why {@code next} cannot replace {@code current}; null when it can. */
    static String refusal(GatewayConfig current, GatewayConfig next, Function<String, String> env) {
        if (next.admin().tokenEnv().isPresent()) {
            String name = next.admin().tokenEnv().get();
            String value = env.apply(name);
            if ((value == null || value.isBlank()) && next.admin().tokenFile().isEmpty()) {
                return "admin.tokenEnv: " + name + " is not set in the gateway's environment (expected: a variable"
                        + " holding the admin token; this reload would switch the admin API off)";
            }
        }
        List<String> restart = restartOnly(current.listener(), next.listener());
        if (!restart.isEmpty()) {
            return String.join(", ", restart) + " changed (expected: unchanged; these settings take effect only"
                    + " after a restart)";
        }
        return null;
    }

    private static List<String> restartOnly(ListenerConfig a, ListenerConfig b) {
        List<String> changed = new ArrayList<>();
        if (!a.host().equals(b.host())) {
            changed.add("listener.host");
        }
        if (a.port() != b.port()) {
            changed.add("listener.port");
        }
        if (a.maxBodyBytes() != b.maxBodyBytes()) {
            changed.add("listener.maxBodyBytes");
        }
        if (a.eventLoops() != b.eventLoops()) {
            changed.add("listener.eventLoops");
        }
        if (!a.drainGrace().equals(b.drainGrace())) {
            changed.add("listener.drainGrace");
        }
        return changed;
    }
}
