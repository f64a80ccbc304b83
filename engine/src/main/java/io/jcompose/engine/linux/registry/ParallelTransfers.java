package io.jcompose.engine.linux.registry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waits for the blob transfers of a pull or push running in parallel: their results in order, or the first
 * failure as it was thrown, with the others cancelled so that no download or upload outlives the operation.
 */
final class ParallelTransfers {

    private ParallelTransfers() {
    }

    static <T> List<T> awaitAll(List<? extends Future<? extends T>> futures)
            throws IOException, InterruptedException {
        List<T> results = new ArrayList<>();
        try {
            for (Future<? extends T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException re -> throw re;
                case InterruptedException ie -> throw ie;
                case Error error -> throw error;
                case Throwable t -> throw new IOException(t);
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
    }
}
