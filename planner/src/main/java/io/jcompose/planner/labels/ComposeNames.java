package io.jcompose.planner.labels;

import io.jcompose.model.Service;

/** How docker compose names what it creates: containers, one-off containers, networks, volumes, built images. */
public final class ComposeNames {

    /** Between the parts of a container or image name. */
    public static final String SEPARATOR = "-";

    private ComposeNames() {
    }

    /** {@code <project>-<service>-<n>}. */
    public static String container(String project, String service, int number) {
        return project + SEPARATOR + service + SEPARATOR + number;
    }

    /** The service's {@code container_name} when it sets one, else {@code <project>-<service>-<n>}. */
    public static String container(String project, Service service, int number) {
        return service.containerName().orElseGet(() -> container(project, service.name(), number));
    }

    /** {@code <project>-<service>-run-<id>}, with the id cut to 12 characters as docker compose does. */
    public static String oneOff(String project, String service, String id) {
        return project + SEPARATOR + service + SEPARATOR + "run" + SEPARATOR + shortId(id);
    }

    /** {@code <project>_<key>}, the default name of a network, a volume, a secret or a config. */
    public static String resource(String project, String key) {
        return project + "_" + key;
    }

    /** The image a service builds when it names none: {@code <project>-<service>}. */
    public static String builtImage(String project, String service) {
        return project + SEPARATOR + service;
    }

    /** The name a replacement container has until the old one is gone: {@code <old id, 12>_<final name>}. */
    public static String temporary(String oldContainerId, String finalName) {
        return shortId(oldContainerId) + "_" + finalName;
    }

    public static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
