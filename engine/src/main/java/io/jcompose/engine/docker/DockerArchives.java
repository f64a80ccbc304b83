package io.jcompose.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import io.jcompose.engine.spi.ContainerOps.PathStat;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Files in and out of containers through the daemon's archive endpoint, as tar streams. */
final class DockerArchives {

    /** Go's {@code os.ModeDir} and {@code os.ModeSymlink}, as the daemon reports a path's mode. */
    private static final long GO_MODE_DIR = 1L << 31;
    private static final long GO_MODE_SYMLINK = 1L << 27;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerCalls calls;
    private final DockerHttpClient http;

    DockerArchives(DockerCalls calls, DockerHttpClient http) {
        this.calls = calls;
        this.http = http;
    }

    /**
     * A HEAD on the archive endpoint, whose header holds the path's stat: docker-java has no command for it, so it
     * goes through docker-java's transport directly.
     */
    Optional<PathStat> stat(String nameOrId, String path) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder().method("HEAD")
                .path("/containers/" + encode(nameOrId) + "/archive?path=" + encode(path)).build();
        return calls.call("look at " + path + " in container " + nameOrId, c -> {
            try (DockerHttpClient.Response response = http.execute(request)) {
                return switch (response.getStatusCode()) {
                    case 200 -> Optional.of(parse(response.getHeader("X-Docker-Container-Path-Stat")));
                    case 404 -> Optional.<PathStat>empty();
                    default -> throw new RuntimeFailureException("look at " + path + " in container " + nameOrId
                            + ": the daemon answered " + response.getStatusCode());
                };
            }
        });
    }

    /** The header's value: base64 of {@code {"name","size","mode","mtime","linkTarget"}}. */
    static PathStat parse(String header) {
        if (header == null) {
            throw new RuntimeFailureException("the daemon sent no stat of the path (no X-Docker-Container-Path-Stat)");
        }
        try {
            JsonNode stat = JSON.readTree(Base64.getDecoder().decode(header.strip()));
            long mode = stat.path("mode").asLong();
            String link = stat.path("linkTarget").asText("");
            return new PathStat(stat.path("name").asText(""), stat.path("size").asLong(), (int) (mode & 07777),
                    (mode & GO_MODE_DIR) != 0, (mode & GO_MODE_SYMLINK) != 0 && !link.isEmpty()
                            ? Optional.of(link) : Optional.empty());
        } catch (IOException | IllegalArgumentException e) {
            throw new RuntimeFailureException("the daemon sent a stat of the path that cannot be read: " + header, e);
        }
    }

    InputStream copyFrom(String nameOrId, String path) {
        return calls.call("copy " + path + " from container " + nameOrId,
                c -> c.copyArchiveFromContainerCmd(nameOrId, path).exec());
    }

    /** Not retried: the tar stream may be half read by then. */
    void copyTo(String nameOrId, String directory, InputStream tar, boolean keepOwners) {
        calls.stream("copy to " + directory + " in container " + nameOrId, c -> {
            c.copyArchiveToContainerCmd(nameOrId).withRemotePath(directory).withTarInputStream(tar)
                    .withNoOverwriteDirNonDir(true).withCopyUIDGID(keepOwners).exec();
            return null;
        });
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
