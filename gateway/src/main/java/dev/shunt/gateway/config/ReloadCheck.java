package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a new config may replace the one in force on a reload: {@link Accept}, or {@link Refuse}
 * with one message that names every reason (the caller logs it and answers it; the config in force
 * stays). A pure decision of the two configs and the environment, made after the new config loaded.
 *
 * <p>Refused:
 * <ul>
 *   <li>an {@code admin.tokenEnv} naming a variable that is unset or blank in the gateway's
 *       environment (and no {@code admin.tokenFile} to fall back on): applied, it would switch the
 *       admin API off and lock the operator out of it;</li>
 *   <li>a change to a setting read only at start ({@link StartOnlySettings}): applied, the config in
 *       force ({@code GET /admin/config}) would say one thing while the gateway does another, so the
 *       whole reload is refused and the message names the settings to restart for or put back.</li>
 * </ul>
 */
public sealed interface ReloadCheck {

    /** The new config may replace the one in force. */
    record Accept() implements ReloadCheck {}

    /**
     * The new config must not replace the one in force.
     *
     * @param message why, naming the config paths, e.g. {@code admin.tokenEnv: SHUNT_ADMIN_TOKEN is not set ...}
     */
    record Refuse(String message) implements ReloadCheck {
        public Refuse {
            Checks.notBlank("message", message);
        }
    }

    /**
     * Decides whether {@code next} may replace {@code inForce}; {@code env} looks up the gateway's
     * environment variables ({@code System::getenv}), as {@code AdminAuth} does.
     */
    static ReloadCheck of(GatewayConfig inForce, GatewayConfig next, Function<String, String> env) {
        requireNonNull(inForce, "inForce");
        requireNonNull(next, "next");
        requireNonNull(env, "env");
        List<String> reasons = new ArrayList<>();
        unsetTokenVariable(next.admin(), env).ifPresent(reasons::add);
        List<String> restart = StartOnlySettings.changed(inForce, next);
        if (!restart.isEmpty()) {
            reasons.add("needs a restart: " + String.join(", ", restart)
                    + " (read only at start; restart the gateway to apply them, or put them back to reload the rest)");
        }
        return reasons.isEmpty() ? new Accept() : new Refuse(String.join("; ", reasons));
    }

    /** Why {@code admin.tokenEnv} would switch the admin API off, if it would. */
    private static Optional<String> unsetTokenVariable(AdminConfig admin, Function<String, String> env) {
        if (admin.tokenEnv().isEmpty() || admin.tokenFile().isPresent()) {
            return Optional.empty();
        }
        String variable = admin.tokenEnv().get();
        String value = env.apply(variable);
        if (value != null && !value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of("admin.tokenEnv: " + variable + " is " + (value == null ? "not set" : "blank")
                + " in the gateway's environment (expected: a variable holding the admin token; applied, this config"
                + " would switch the admin API off)");
    }
}
