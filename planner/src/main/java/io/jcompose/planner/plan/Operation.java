package io.jcompose.planner.plan;

import io.jcompose.model.Build;
import io.jcompose.model.DependsOn;
import io.jcompose.model.Network;
import io.jcompose.model.Service;
import io.jcompose.model.ServiceNetwork;
import io.jcompose.model.Volume;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** One atomic action of a plan, mapping to one backend call; each record holds only what its action needs. */
public sealed interface Operation {

    /** Creates a network of the project. */
    record CreateNetwork(Network network) implements Operation {
    }

    /** Removes a network by name. */
    record RemoveNetwork(String name) implements Operation {
    }

    /** Attaches a container to a network, with the service's aliases and addresses there. */
    record ConnectNetwork(String container, String network, String service, ServiceNetwork settings)
            implements Operation {
    }

    /** Detaches a container from a network. */
    record DisconnectNetwork(String container, String network) implements Operation {
    }

    /** Creates a named volume of the project. */
    record CreateVolume(Volume volume) implements Operation {
    }

    /** Removes a volume by name. */
    record RemoveVolume(String name) implements Operation {
    }

    /** Pulls an image. */
    record PullImage(String image) implements Operation {
    }

    /** Builds a service's image and tags it {@code image}. */
    record BuildImage(String service, String image, Build build) implements Operation {
    }

    /** Removes an image by reference. */
    record RemoveImage(String image) implements Operation {
    }

    /**
     * Creates a container of {@code service} named {@code name}: replica {@code number}, or a one-off when empty.
     * A replacement names the container it replaces and may inherit its anonymous volumes. A one-off carries its
     * full random id ({@code slug}), which its name shows only the start of.
     */
    record CreateContainer(Service service, String name, OptionalInt number, Optional<String> replaces,
                           boolean inheritAnonymousVolumes, Optional<String> slug) implements Operation {

        /** A replica, which has no slug. */
        public CreateContainer(Service service, String name, OptionalInt number, Optional<String> replaces,
                               boolean inheritAnonymousVolumes) {
            this(service, name, number, replaces, inheritAnonymousVolumes, Optional.empty());
        }
    }

    /** Starts a container by name (it may have been created by this plan, so its id is not known yet). */
    record StartContainer(String name) implements Operation {
    }

    /** Stops a container, waiting {@code timeout} before killing it (the backend's default when empty). */
    record StopContainer(String id, String name, Optional<Duration> timeout) implements Operation {
    }

    /** Sends a signal to a container. */
    record KillContainer(String id, String name, String signal) implements Operation {
    }

    /** Removes a container, with its anonymous volumes when {@code removeVolumes}. */
    record RemoveContainer(String id, String name, boolean removeVolumes) implements Operation {
    }

    /** Gives a container its final name once the one it replaces is gone. */
    record RenameContainer(String from, String to) implements Operation {
    }

    /**
     * Waits until the containers of {@code service} meet {@code condition}; a dependency that is not required only
     * warns when it fails.
     */
    record WaitForCondition(String service, DependsOn.Condition condition, boolean required,
                            List<String> containers) implements Operation {
        public WaitForCondition {
            containers = List.copyOf(containers);
        }
    }
}
