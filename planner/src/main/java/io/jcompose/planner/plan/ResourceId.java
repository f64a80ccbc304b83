package io.jcompose.planner.plan;

import java.util.Comparator;
import java.util.Locale;

/**
 * What an operation acts on, stable across a recreate: {@code container web-1} (service and number, without the
 * project), {@code network default}, {@code volume data}, {@code image nginx:latest}, {@code service db}.
 */
public record ResourceId(Kind kind, String name) implements Comparable<ResourceId> {

    /** The kinds of objects a plan touches. */
    public enum Kind {
        CONTAINER, NETWORK, VOLUME, IMAGE, SERVICE
    }

    private static final Comparator<ResourceId> ORDER = Comparator.comparing(ResourceId::kind)
            .thenComparing(ResourceId::name);

    public static ResourceId container(String service, int number) {
        return new ResourceId(Kind.CONTAINER, service + "-" + number);
    }

    public static ResourceId container(String name) {
        return new ResourceId(Kind.CONTAINER, name);
    }

    public static ResourceId network(String key) {
        return new ResourceId(Kind.NETWORK, key);
    }

    public static ResourceId volume(String key) {
        return new ResourceId(Kind.VOLUME, key);
    }

    public static ResourceId image(String reference) {
        return new ResourceId(Kind.IMAGE, reference);
    }

    public static ResourceId service(String name) {
        return new ResourceId(Kind.SERVICE, name);
    }

    @Override
    public int compareTo(ResourceId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + name;
    }
}
