package io.jcompose.cli.command.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.cli.UsageException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FiltersTest {

    private static final Set<String> KEYS = Set.of("dangling", "label", "name");

    @Test
    void valuesOfOneKeyAreAlternatives_labelsMustAllMatch() {
        Filters f = Filters.parse(List.of("name=a", "name=b", "label=x", "label=y=1"), KEYS);
        assertThat(f.any("name", "b"::equals)).isTrue();
        assertThat(f.any("name", "c"::equals)).isFalse();
        assertThat(f.labels(Map.of("x", "", "y", "1"))).isTrue();
        assertThat(f.labels(Map.of("x", "", "y", "2"))).isFalse();
        assertThat(f.labels(Map.of("y", "1"))).isFalse();
    }

    @Test
    void absentKeyPassesEverything() {
        Filters f = Filters.parse(List.of(), KEYS);
        assertThat(f.any("name", v -> false)).isTrue();
        assertThat(f.labels(Map.of())).isTrue();
        assertThat(f.bool("dangling")).isEmpty();
    }

    @Test
    void dangling_takesTrueFalseOneZero_refusesTheRest() {
        assertThat(Filters.parse(List.of("dangling=true"), KEYS).bool("dangling")).contains(true);
        assertThat(Filters.parse(List.of("dangling=0"), KEYS).bool("dangling")).contains(false);
        assertThatThrownBy(() -> Filters.parse(List.of("dangling=maybe"), KEYS).bool("dangling"))
                .isInstanceOf(UsageException.class).hasMessage("invalid filter 'dangling=maybe'");
    }

    @Test
    void unknownKeyAndMissingEquals_areRefusedAsDockerDoes() {
        assertThatThrownBy(() -> Filters.parse(List.of("colour=red"), KEYS)).hasMessage("invalid filter 'colour'");
        assertThatThrownBy(() -> Filters.parse(List.of("name"), KEYS))
                .hasMessage("bad format of filter (expected name=value)");
    }

    @Test
    void keyValues_flagWithoutEqualsIsAnEmptyValue_andJoinKeepsOrder() {
        Map<String, String> m = KeyValues.parse(List.of("a=1", "b", "c=x=y"), "--label");
        assertThat(m).containsExactly(Map.entry("a", "1"), Map.entry("b", ""), Map.entry("c", "x=y"));
        assertThat(KeyValues.joined(m)).isEqualTo("a=1,b=,c=x=y");
        assertThatThrownBy(() -> KeyValues.parse(List.of("=x"), "--label"))
                .hasMessage("invalid argument \"=x\" for \"--label\" flag");
    }

    @Test
    void keyValuesWithEnvironment_aKeyAloneTakesItsValueFromTheEnvironmentOrIsLeftOut() {
        assertThat(KeyValues.withEnvironment(List.of("A=1", "HOME", "NOPE"), Map.of("HOME", "/root")))
                .containsExactly(Map.entry("A", "1"), Map.entry("HOME", "/root"));
        assertThatThrownBy(() -> KeyValues.withEnvironment(List.of("=x"), Map.of()))
                .hasMessage("invalid \"=x\" (expected KEY=VAL)");
    }
}
