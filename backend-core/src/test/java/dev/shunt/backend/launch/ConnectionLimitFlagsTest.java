package dev.shunt.backend.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.backend.http.ServerOptions;
import dev.shunt.connection.ConnectionLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code --header-timeout}, {@code --body-timeout}, {@code --idle-timeout}, {@code --max-connections}, {@code --h2c}. */
class ConnectionLimitFlagsTest {

    @Command(name = "server")
    static final class Server {
        @Mixin
        CommonFlags flags;
    }

    static ServerOptions parse(String... args) {
        Server server = new Server();
        new CommandLine(server).parseArgs(args);
        return server.flags.serverOptions(8001, "shunt-cpu-backend");
    }

    @Test
    void defaults() {
        ServerOptions options = parse();
        assertThat(options.connections()).isEqualTo(new ConnectionLimits(Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(75), 10_000));
        assertThat(options.connections()).isEqualTo(ServerOptions.DEFAULT_CONNECTIONS);
        assertThat(options.h2c()).isTrue();
    }

    @Test
    void readAsGiven() {
        ServerOptions options = parse("--header-timeout", "2s", "--body-timeout", "1m", "--idle-timeout", "500ms",
                "--max-connections", "64", "--no-h2c");
        assertThat(options.connections()).isEqualTo(new ConnectionLimits(Duration.ofSeconds(2), Duration.ofMinutes(1),
                Duration.ofMillis(500), 64));
        assertThat(options.h2c()).isFalse();
    }

    @Test
    void zeroAndBelowAreRefusedByFlag() {
        assertThatThrownBy(() -> parse("--header-timeout", "0s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--header-timeout: 0s (expected: > 0)");
        assertThatThrownBy(() -> parse("--body-timeout", "0ms")).hasMessage("--body-timeout: 0s (expected: > 0)");
        assertThatThrownBy(() -> parse("--idle-timeout", "0h")).hasMessage("--idle-timeout: 0s (expected: > 0)");
        assertThatThrownBy(() -> parse("--max-connections", "0")).hasMessage("--max-connections: 0 (expected: > 0)");
    }
}
