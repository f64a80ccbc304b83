package io.jcompose.engine.linux.registry;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * A blob file as a request body: streamed from disk with its length announced (registries want
 * {@code Content-Length} on a monolithic upload, not chunked encoding), reporting the bytes handed to the connection.
 * Each subscription reads the file from its start, so a retried or re-authenticated request sends it whole again.
 */
final class UploadBody implements HttpRequest.BodyPublisher {

    private final HttpRequest.BodyPublisher file;
    private final LongConsumer progress;

    UploadBody(Path blob, LongConsumer progress) throws FileNotFoundException {
        this.file = HttpRequest.BodyPublishers.ofFile(blob);
        this.progress = progress;
    }

    @Override
    public long contentLength() {
        return file.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        file.subscribe(new Counting(subscriber));
    }

    /** Passes the file's buffers on, counting them. */
    private final class Counting implements Flow.Subscriber<ByteBuffer> {
        private final Flow.Subscriber<? super ByteBuffer> downstream;
        private long sent;

        Counting(Flow.Subscriber<? super ByteBuffer> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            progress.accept(0);
            downstream.onSubscribe(subscription);
        }

        @Override
        public void onNext(ByteBuffer buffer) {
            // counted before handing it on: the connection consumes the buffer
            sent += buffer.remaining();
            downstream.onNext(buffer);
            progress.accept(sent);
        }

        @Override
        public void onError(Throwable error) {
            downstream.onError(error);
        }

        @Override
        public void onComplete() {
            downstream.onComplete();
        }
    }
}
