package io.jcompose.cli.command.container;

import io.jcompose.cli.command.Ages;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.spi.ContainerInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A container as a row of {@code docker ps}: the fields of its {@code --format json}, as text. */
final class ContainerRows {

    /** The table's columns and the field under each, as {@code docker ps} prints them. */
    static final Map<String, String> COLUMNS = columns();

    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ContainerRows() {
    }

    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("CONTAINER ID", "ID");
        c.put("IMAGE", "Image");
        c.put("COMMAND", "Command");
        c.put("CREATED", "RunningFor");
        c.put("STATUS", "Status");
        c.put("PORTS", "Ports");
        c.put("NAMES", "Names");
        return c;
    }

    static Map<String, String> of(ContainerInfo info, ContainerRecord record, boolean noTrunc, Instant now) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("Command", command(info.command(), noTrunc));
        row.put("CreatedAt", info.createdAt().map(CREATED_AT::format).orElse(""));
        row.put("ID", noTrunc ? info.id() : ContainerBase.shortId(info.id()));
        row.put("Image", info.image());
        row.put("Labels", String.join(",", new TreeMap<>(info.labels()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        List<String> volumes = record.volumes();
        row.put("LocalVolumes", Integer.toString(volumes.size()));
        row.put("Mounts", String.join(",", record.mounts().stream().map(m -> m.volume().orElse(m.spec().target()))
                .toList()));
        row.put("Names", info.name());
        row.put("Networks", String.join(",", record.spec().networkMode().map(List::of)
                .orElse(List.copyOf(record.spec().networks().keySet()))));
        row.put("Ports", ports(info));
        row.put("RunningFor", info.createdAt().map(t -> Ages.ago(t, now)).orElse(""));
        row.put("Size", "0B");
        row.put("State", info.state().text());
        row.put("Status", Ages.status(info, now).strip());
        return row;
    }

    /** As docker shows it: quoted, cut at 20 characters with an ellipsis unless {@code --no-trunc}. */
    static String command(List<String> command, boolean noTrunc) {
        String text = String.join(" ", command);
        if (!noTrunc && text.length() > 20) {
            text = text.substring(0, 19) + "…";
        }
        return "\"" + text + "\"";
    }

    /** {@code 0.0.0.0:8080->80/tcp, 443/tcp}: published ports with their host side, exposed ones bare. */
    static String ports(ContainerInfo info) {
        List<String> out = new ArrayList<>();
        for (ContainerInfo.PublishedPort p : info.ports()) {
            out.add(p.hostPort().map(h -> (p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp()) + ":" + h + "->")
                    .orElse("") + p.containerPort() + "/" + p.protocol());
        }
        return String.join(", ", out);
    }
}
