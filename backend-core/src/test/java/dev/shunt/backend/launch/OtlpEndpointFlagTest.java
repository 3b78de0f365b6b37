package dev.shunt.backend.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class OtlpEndpointFlagTest {

    @Command(name = "server")
    static final class Server {
        @Mixin
        CommonFlags flags;
    }

    static CommonFlags parse(String... args) {
        Server server = new Server();
        new CommandLine(server).parseArgs(args);
        return server.flags;
    }

    @Test
    void tracingIsOffByDefault() {
        assertThat(parse().otlpEndpoint()).isEmpty();
    }

    @Test
    void anEndpointTurnsItOn() {
        assertThat(parse("--otlp-endpoint", "http://otel-collector:4318").otlpEndpoint())
                .contains(URI.create("http://otel-collector:4318"));
    }

    @Test
    void anEndpointThatIsNoHttpUrlIsRefusedByName() {
        CommonFlags flags = parse("--otlp-endpoint", "otel-collector:4318");
        assertThatThrownBy(flags::otlpEndpoint).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--otlp-endpoint: \"otel-collector:4318\" (expected: an http or https URL with a host)");
    }
}
