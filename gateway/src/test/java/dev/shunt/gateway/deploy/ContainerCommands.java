package dev.shunt.gateway.deploy;

import static dev.shunt.gateway.deploy.RenderedManifests.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shunt.backend.cpu.CpuBackendMain;
import dev.shunt.backend.gpu.GpuBackendMain;
import dev.shunt.gateway.GatewayMain;
import picocli.CommandLine;

/** A container's {@code args} read by the picocli spec of the main class its image runs. */
final class ContainerCommands {

    private ContainerCommands() {}

    /** The main class a container's image runs, named by the image's last path segment. */
    static CommandLine commandLine(JsonNode container) {
        String image = container.path("image").asText();
        String repository = image.substring(image.lastIndexOf('/') + 1).replaceFirst("[:@].*$", "");
        return switch (repository) {
            case "gateway" -> new CommandLine(new GatewayMain());
            case "cpu-backend" -> new CommandLine(new CpuBackendMain());
            case "gpu-backend" -> new CommandLine(new GpuBackendMain());
            default -> throw new AssertionError("image " + image + ": which main class? (expected: "
                    + "gateway, cpu-backend or gpu-backend)");
        };
    }

    /** Parses a container's args with its main class's picocli spec; every {@code --flag} must be an option. */
    static CommandLine parsed(JsonNode container) {
        CommandLine cl = commandLine(container);
        String[] args = args(container);
        for (String arg : args) {
            if (arg.startsWith("-")) {
                String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                assertThat(cl.getCommandSpec().findOption(flag)).as("%s: %s is an option of %s",
                        container.path("name").asText(), flag, cl.getCommandName()).isNotNull();
            }
        }
        cl.parseArgs(args);
        return cl;
    }

    /** The value an option of a parsed command line holds (its default when the args leave it out). */
    static <T> T option(CommandLine parsed, String flag) {
        return parsed.getCommandSpec().findOption(flag).getValue();
    }
}
