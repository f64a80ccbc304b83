package io.jcompose.cli.command.volume;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jcompose.cli.command.objects.DockerJson;
import io.jcompose.cli.command.objects.ObjectCommand;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.spi.VolumeOps.VolumeInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose volume inspect}: the volumes as a JSON list in the shape {@code docker volume inspect} prints. */
@Command(name = "inspect", sortOptions = false, description = "Display detailed information on one or more volumes")
public final class VolumeInspectCommand extends ObjectCommand {

    @Parameters(paramLabel = "VOLUME", arity = "1..*", description = "Names of volumes")
    List<String> names;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "json (the default)")
    String format = "json";

    @Override
    protected int run(LinuxBackend linux) {
        if (!format.equals("json")) {
            json(format);
        }
        ArrayNode out = DockerJson.array();
        int code = 0;
        for (String name : names) {
            Optional<VolumeInfo> v = linux.volumeStore().inspect(name);
            if (v.isEmpty()) {
                code = daemonError("get " + name + ": no such volume");
                continue;
            }
            Optional<Instant> created = linux.volumeStore().createdAt(name);
            out.addObject()
                    .put("CreatedAt", created.map(VolumeInspectCommand::timestamp).orElse(""))
                    .put("Driver", v.get().driver())
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set("Labels", DockerJson.map(v.get().labels()))
                    .put("Mountpoint", v.get().mountpoint())
                    .put("Name", v.get().name())
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set("Options", DockerJson.object())
                    .put("Scope", "local");
        }
        console.out().println(DockerJson.pretty(out));
        return code;
    }

    /** Docker's {@code CreatedAt}: RFC 3339 to the second in the host's zone (here UTC, as the store keeps it). */
    static String timestamp(Instant t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .atOffset(ZoneOffset.UTC));
    }
}
