package io.jcompose.engine.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.ResponseItem;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns a pull's (or a push's) stream of JSON messages into progress lines, one per status change of each layer
 * ({@code 3f4ca61aafcd: Downloading}), not one per byte count, and remembers the error it may end with.
 */
final class ProgressLines<T extends ResponseItem> extends ResultCallback.Adapter<T> {

    private final Consumer<String> progress;
    private final Map<String, String> lastStatus = new HashMap<>();
    private String error;

    ProgressLines(Consumer<String> progress) {
        this.progress = progress;
    }

    @Override
    public void onNext(T item) {
        if (item.isErrorIndicated()) {
            error = errorOf(item);
            return;
        }
        if (item.getStatus() == null) {
            return;
        }
        String id = item.getId() == null ? "" : item.getId();
        if (!item.getStatus().equals(lastStatus.put(id, item.getStatus()))) {
            progress.accept(id.isEmpty() ? item.getStatus() : id + ": " + item.getStatus());
        }
    }

    Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** The error's detail, else the plain {@code error} field, which is all that some daemons send. */
    @SuppressWarnings("deprecation")
    static String errorOf(ResponseItem item) {
        if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
            return item.getErrorDetail().getMessage();
        }
        return item.getError() == null ? "the daemon reported an error without a message" : item.getError();
    }
}
