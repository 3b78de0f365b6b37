package dev.shunt.gateway;

import dev.shunt.gateway.config.ConfigException;
import dev.shunt.gateway.config.GatewayConfig;

/** Where a reload reads the new config from (the {@code --config} file); throws {@link ConfigException}. */
@FunctionalInterface
public interface ConfigSource {

    /** The config as the source holds it now. */
    GatewayConfig load();
}
