package io.jcompose.cli.render;

import io.jcompose.engine.spi.ContainerEvent;
import io.jcompose.planner.labels.ComposeLabels;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A container event as {@code docker compose events} prints it: a text line, or with {@code --json} one JSON object
 * a line, keys sorted as Go marshals a map. Compose's own labels are left out of the attributes, as compose does.
 */
public final class EventLine {

    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final ZoneId zone;

    /** Times are shown in {@code zone}, as Go shows them in the local zone. */
    public EventLine(ZoneId zone) {
        this.zone = zone;
    }

    /** {@code 2024-01-01 10:00:00.123456 container start 8f3a… (image=busybox, name=p-web-1)}. */
    public String text(ContainerEvent e) {
        StringJoiner attributes = new StringJoiner(", ");
        attributes(e).forEach((k, v) -> attributes.add(k + "=" + v));
        return TEXT_TIME.format(e.time().atZone(zone)) + " container " + e.action() + " " + e.containerId()
                + " (" + attributes + ")";
    }

    /** {@code {"action":…,"attributes":{…},"id":…,"service":…,"time":RFC 3339,"type":"container"}}. */
    public String json(ContainerEvent e) {
        StringJoiner attributes = new StringJoiner(",", "{", "}");
        attributes(e).forEach((k, v) -> attributes.add(str(k) + ":" + str(v)));
        return "{\"action\":" + str(e.action()) + ",\"attributes\":" + attributes + ",\"id\":" + str(e.containerId())
                + ",\"service\":" + str(service(e)) + ",\"time\":"
                + str(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.time().atZone(zone)))
                + ",\"type\":\"container\"}";
    }

    public static String service(ContainerEvent e) {
        return e.attributes().getOrDefault(ComposeLabels.SERVICE, "");
    }

    /** Whether docker compose shows it: one-off containers' events are not. */
    public static boolean shown(ContainerEvent e) {
        return !ComposeLabels.TRUE.equals(e.attributes().get(ComposeLabels.ONEOFF));
    }

    private static Map<String, String> attributes(ContainerEvent e) {
        Map<String, String> out = new TreeMap<>(e.attributes());
        out.keySet().removeIf(k -> k.startsWith(ComposeLabels.PREFIX));
        return out;
    }

    /** A JSON string as Go's encoder writes it, which also escapes {@code <}, {@code >} and {@code &}. */
    static String str(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 || c == '<' || c == '>' || c == '&'
                        ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
