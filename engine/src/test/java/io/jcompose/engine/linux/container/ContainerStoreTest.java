package io.jcompose.engine.linux.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.engine.linux.TestHosts;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.spi.ContainerSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerStoreTest {

    @TempDir
    Path tmp;

    private static ContainerRecord record(String id, String name) {
        ContainerSpec spec = TestHosts.spec(name, "busybox:test", List.of("true"), Map.of(), List.of(),
                ContainerSpec.RestartPolicy.NO, Optional.empty());
        return new ContainerRecord(id, name, spec, "sha256:" + "0".repeat(64), Instant.now(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), List.of(), false, false, 0, List.of(), List.of());
    }

    @Test
    void aRecordChangedByAnotherStore_isReadAnew_andADeletedOneIsGone() {
        StoreLayout layout = new StoreLayout(tmp.resolve("root"), tmp.resolve("run"));
        ContainerStore reader = new ContainerStore(layout);
        ContainerStore writer = new ContainerStore(layout); // as another process would
        String id = "a".repeat(64);
        writer.create(record(id, "first"));
        assertThat(reader.get(id).restartCount()).isZero();
        assertThat(reader.list()).extracting(ContainerRecord::name).containsExactly("first");

        writer.update(id, r -> new ContainerRecord(r.id(), r.name(), r.spec(), r.imageId(), r.created(), r.started(),
                r.finished(), r.exitCode(), r.mounts(), r.anonymousVolumes(), r.stoppedByUser(), r.paused(), 1,
                r.endpoints(), r.published()));
        assertThat(reader.get(id).restartCount()).isEqualTo(1);
        writer.rename(id, "second");
        assertThat(reader.list()).extracting(ContainerRecord::name).containsExactly("second");

        writer.delete(id);
        assertThat(reader.find(id)).isEmpty();
        assertThat(reader.list()).isEmpty();
    }
}
