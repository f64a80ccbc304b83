package io.jcompose.cli.command.objects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerJsonTest {

    @Test
    void pretty_indentsByFourSpaces_andWritesEmptyContainersCompactly() {
        ArrayNode list = DockerJson.array();
        list.addObject().put("Name", "v").<com.fasterxml.jackson.databind.node.ObjectNode>set("Labels",
                DockerJson.map(Map.of("a", "b"))).<com.fasterxml.jackson.databind.node.ObjectNode>set("Options",
                DockerJson.object()).putArray("Config");
        assertThat(DockerJson.pretty(list)).isEqualTo("""
                [
                    {
                        "Name": "v",
                        "Labels": {
                            "a": "b"
                        },
                        "Options": {},
                        "Config": []
                    }
                ]""");
    }

    @Test
    void pretty_ofAnEmptyList() {
        assertThat(DockerJson.pretty(DockerJson.array())).isEqualTo("[]");
    }
}
