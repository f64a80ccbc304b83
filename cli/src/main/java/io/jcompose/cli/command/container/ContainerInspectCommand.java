package io.jcompose.cli.command.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ContainerInfo;
import io.jcompose.engine.spi.EngineException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose container inspect}: containers as a JSON array in the shape of {@code docker inspect}. */
@Command(name = "inspect", sortOptions = false, description = "Display detailed information on one or more"
        + " containers")
public final class ContainerInspectCommand extends ContainerBase {

    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "Containers (name, id or id prefix)")
    List<String> containers;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "json (default) or a {{.Field}}"
            + " template over the top-level fields")
    String format;

    @Override
    protected int run(Backend backend) throws Exception {
        ArrayNode out = InspectJson.JSON.createArrayNode();
        int code = 0;
        for (String name : containers) {
            try {
                ContainerInfo info = require(backend, name);
                Optional<ContainerRecord> record = backend instanceof LinuxBackend linux
                        ? linux.linuxContainers().store().find(info.id()) : Optional.empty();
                out.add(InspectJson.of(info, record));
            } catch (EngineException e) {
                console.err().println(daemonLine(e));
                code = 1;
            }
        }
        if (format == null || format.equals("json")) {
            console.out().println(InspectJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
            return code;
        }
        for (JsonNode node : out) {
            console.out().println(OutputFormat.fill(format, path -> field(node, path)));
        }
        return code;
    }

    /** The value at a dotted path ({@code State.Status}); an object or array as its JSON, {@code .} the whole. */
    private static Optional<String> field(JsonNode node, String path) {
        JsonNode at = node;
        for (String part : path.isEmpty() ? new String[0] : path.split("\\.")) {
            at = at.get(part);
            if (at == null) {
                return Optional.empty();
            }
        }
        return Optional.of(at.isValueNode() ? at.asText() : at.toString());
    }
}
