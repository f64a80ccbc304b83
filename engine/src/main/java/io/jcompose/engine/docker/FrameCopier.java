package io.jcompose.engine.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.jcompose.engine.spi.StdStreams;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Copies an exec's or an attach's frames as they come to the caller's stdout and stderr, byte for byte. */
final class FrameCopier extends ResultCallback.Adapter<Frame> {

    private final StdStreams streams;

    FrameCopier(StdStreams streams) {
        this.streams = streams;
    }

    @Override
    public void onNext(Frame frame) {
        OutputStream target = frame.getStreamType() == StreamType.STDERR ? streams.err() : streams.out();
        try {
            target.write(frame.getPayload());
            target.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
