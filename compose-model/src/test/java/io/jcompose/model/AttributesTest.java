package io.jcompose.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.yaml.YamlReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Attributes copy what they are given once, deeply, and never again what they made themselves. */
class AttributesTest {

    @Test
    void of_copiesDeeply_andTheCopyIsReadOnly() {
        List<Object> ports = new ArrayList<>(List.of("80"));
        Map<String, Object> web = new LinkedHashMap<>(Map.of("ports", ports));
        Attributes attributes = Attributes.of(Map.of("web", web));
        ports.add("443");
        web.put("image", "nginx");

        Attributes view = attributes.object("web").orElseThrow();
        assertThat(view.strings("ports")).containsExactly("80");
        assertThat(view.has("image")).isFalse();
        assertThatThrownBy(() -> view.values().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> view.list("ports").add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nestedViews_shareTheFrozenValues() {
        Attributes attributes = Attributes.of(Map.of("web", Map.of("labels", Map.of("a", "b"))));
        Object web = attributes.values().get("web");

        assertThat(attributes.object("web").orElseThrow().values()).isSameAs(web);
        assertThat(attributes.objects("web").get("labels").values()).isSameAs(((Map<?, ?>) web).get("labels"));
        assertThat(new Attributes(attributes.values()).values()).isSameAs(attributes.values());
    }

    @Test
    void frozen_ofAYamlTree_isItsPlainValue() {
        var node = YamlReader.read("a: {b: [1, x, ~, {c: 1.5}]}\n", "f.yaml");

        Object frozen = Attributes.frozen(node);
        assertThat(frozen).isEqualTo(node.toPlain());
        assertThat(Attributes.of(castMap(frozen)).values()).isSameAs(frozen);
    }

    @Test
    void integersBecomeLongs_andNullsStay() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("n", 3);
        values.put("none", null);

        Attributes attributes = Attributes.of(values);
        assertThat(attributes.values().get("n")).isEqualTo(3L);
        assertThat(attributes.values()).containsKey("none");
        assertThat(attributes.number("n")).contains(3L);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(Object value) {
        return (Map<String, ?>) value;
    }
}
