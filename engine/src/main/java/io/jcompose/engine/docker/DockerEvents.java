package io.jcompose.engine.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.EventsCmd;
import com.github.dockerjava.api.model.Event;
import io.jcompose.engine.spi.ContainerEvent;
import io.jcompose.planner.labels.ComposeLabels;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The daemon's event stream, narrowed to one project's containers by its label. */
final class DockerEvents {

    private final DockerCalls calls;

    DockerEvents(DockerCalls calls) {
        this.calls = calls;
    }

    /** Blocks until the thread is interrupted (that is how the stream is stopped) or the daemon ends it. */
    void stream(String project, Optional<Instant> since, Optional<Instant> until, Consumer<ContainerEvent> sink) {
        calls.stream("events of project " + project, c -> {
            EventsCmd cmd = c.eventsCmd().withLabelFilter(Map.of(ComposeLabels.PROJECT, project))
                    .withEventTypeFilter("container");
            since.ifPresent(t -> cmd.withSince(timestamp(t)));
            until.ifPresent(t -> cmd.withUntil(timestamp(t)));
            ResultCallback.Adapter<Event> callback = cmd.exec(new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Event event) {
                    sink.accept(of(event));
                }
            });
            try {
                callback.awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(callback);
            }
            return null;
        });
    }

    /** The daemon's form: seconds since the epoch, a dot, nanoseconds. */
    static String timestamp(Instant t) {
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }

    static ContainerEvent of(Event e) {
        Instant time = e.getTimeNano() != null && e.getTimeNano() != 0
                ? Instant.ofEpochSecond(0, e.getTimeNano())
                : Instant.ofEpochSecond(e.getTime() == null ? 0 : e.getTime());
        String id = e.getActor() != null && e.getActor().getId() != null ? e.getActor().getId()
                : e.getId() == null ? "" : e.getId();
        Map<String, String> attributes = e.getActor() == null || e.getActor().getAttributes() == null ? Map.of()
                : e.getActor().getAttributes();
        String action = e.getAction() != null ? e.getAction() : e.getStatus() == null ? "" : e.getStatus();
        return new ContainerEvent(time, action, id, attributes);
    }

    private static void closeQuietly(ResultCallback.Adapter<Event> callback) {
        try {
            callback.close();
        } catch (IOException e) {
            // the stream is being dropped either way
        }
    }
}
