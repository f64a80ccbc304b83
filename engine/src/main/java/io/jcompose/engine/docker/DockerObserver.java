package io.jcompose.engine.docker;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerMount;
import com.github.dockerjava.api.model.Image;
import io.jcompose.engine.spi.ProjectSummary;
import io.jcompose.planner.labels.ComposeLabels;
import io.jcompose.planner.observed.Health;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.observed.ObservedImage;
import io.jcompose.planner.observed.ObservedNetwork;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.observed.ObservedVolume;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Takes the snapshot the planner works from, in four list calls: the project's containers (stopped ones too), and
 * every network, volume and image, since the planner also matches objects that carry no label by their name
 * (external networks, ones made by hand or by an older tool) and looks up service images by reference.
 */
final class DockerObserver {

    private static final Pattern EXIT_CODE = Pattern.compile("^Exited \\((-?\\d+)\\)");
    private static final String NO_TAG = "<none>:<none>";

    private final DockerCalls calls;

    DockerObserver(DockerCalls calls) {
        this.calls = calls;
    }

    ObservedState observe(String project) {
        List<Container> containers = calls.call("list containers of project " + project, c -> c
                .listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ComposeLabels.PROJECT, project)).exec());
        List<ObservedNetwork> networks = calls.call("list networks", c -> c.listNetworksCmd().exec()).stream()
                .map(n -> new ObservedNetwork(n.getId(), n.getName(), labels(n.getLabels()))).toList();
        List<ObservedVolume> volumes = calls.call("list volumes", c -> Optional.ofNullable(c.listVolumesCmd().exec()
                .getVolumes()).orElse(List.of())).stream()
                .map(v -> new ObservedVolume(v.getName(), v.getDriver(), labels(v.getLabels()))).toList();
        List<Image> images = calls.call("list images", c -> c.listImagesCmd().exec());
        return new ObservedState(containers.stream().map(DockerObserver::container).toList(), networks, volumes,
                images.stream().map(DockerObserver::image).toList());
    }

    /** Projects from the labels of containers: all of them, or only those with a running container. */
    List<ProjectSummary> projects(boolean all) {
        List<Container> containers = calls.call("list containers", c -> c.listContainersCmd().withShowAll(all)
                .withLabelFilter(List.of(ComposeLabels.PROJECT)).exec());
        Map<String, List<Container>> byProject = containers.stream().collect(Collectors.groupingBy(
                c -> c.getLabels().get(ComposeLabels.PROJECT), TreeMap::new, Collectors.toList()));
        return byProject.entrySet().stream().map(e -> new ProjectSummary(e.getKey(),
                e.getValue().stream().map(Container::getState).sorted().toList(),
                e.getValue().stream().map(c -> c.getLabels().get(ComposeLabels.CONFIG_FILES))
                        .filter(Objects::nonNull).flatMap(f -> Arrays.stream(f.split(",")))
                        .distinct().sorted().toList())).toList();
    }

    private static ObservedContainer container(Container c) {
        Map<String, String> networks = new TreeMap<>();
        if (c.getNetworkSettings() != null && c.getNetworkSettings().getNetworks() != null) {
            c.getNetworkSettings().getNetworks().forEach((name, n) -> networks.put(name,
                    n.getNetworkID() == null ? "" : n.getNetworkID()));
        }
        List<String> volumes = c.getMounts() == null ? List.of() : c.getMounts().stream()
                .map(ContainerMount::getName).filter(Objects::nonNull).toList();
        String name = c.getNames() == null || c.getNames().length == 0 ? c.getId()
                : ContainerInfos.name(c.getNames()[0]);
        String status = c.getStatus() == null ? "" : c.getStatus();
        return new ObservedContainer(c.getId(), name, labels(c.getLabels()), ContainerInfos.state(c.getState()),
                exitCode(status), health(status), c.getImageId(), c.getImage(), networks, volumes);
    }

    /** The list answer has no exit code field; its status text does ({@code Exited (137) 5 seconds ago}). */
    static int exitCode(String status) {
        Matcher m = EXIT_CODE.matcher(status);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Health as the status text shows it: {@code (healthy)}, {@code (unhealthy)}, {@code (health: starting)}. */
    static Health health(String status) {
        if (status.contains("(healthy)")) {
            return Health.HEALTHY;
        }
        if (status.contains("(unhealthy)")) {
            return Health.UNHEALTHY;
        }
        return status.contains("(health: starting)") ? Health.STARTING : Health.NONE;
    }

    private static ObservedImage image(Image i) {
        List<String> tags = i.getRepoTags() == null ? List.of() : Arrays.stream(i.getRepoTags())
                .filter(t -> !t.equals(NO_TAG)).toList();
        return new ObservedImage(i.getId(), tags, labels(i.getLabels()));
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }
}
