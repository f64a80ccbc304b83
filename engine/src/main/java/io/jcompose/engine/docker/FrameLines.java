package io.jcompose.engine.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.jcompose.engine.spi.ContainerOps.LogSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Demultiplexed log frames to whole lines: the daemon cuts frames where it likes, so bytes are kept per stream until
 * a newline ends the line. A TTY container's single raw stream counts as stdout.
 */
final class FrameLines extends ResultCallback.Adapter<Frame> {

    private final LogSink sink;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    FrameLines(LogSink sink) {
        this.sink = sink;
    }

    @Override
    public void onNext(Frame frame) {
        boolean stderr = frame.getStreamType() == StreamType.STDERR;
        ByteArrayOutputStream buffer = stderr ? err : out;
        for (byte b : frame.getPayload()) {
            if (b == '\n') {
                flush(buffer, stderr);
            } else {
                buffer.write(b);
            }
        }
    }

    @Override
    public void onComplete() {
        // a last line without its newline is still a line
        flush(out, false);
        flush(err, true);
        super.onComplete();
    }

    private void flush(ByteArrayOutputStream buffer, boolean stderr) {
        if (buffer.size() == 0) {
            return;
        }
        String line = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        sink.line(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, stderr);
    }
}
