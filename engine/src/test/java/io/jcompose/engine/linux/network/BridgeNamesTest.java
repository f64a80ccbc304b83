package io.jcompose.engine.linux.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BridgeNamesTest {

    @Test
    void bridgeNamesAreShortStableAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String name = BridgeNames.bridge("/var/lib/jcompose", "project" + i + "_default");
            assertThat(name).hasSizeLessThanOrEqualTo(15).startsWith("jc").matches("[a-z0-9-]+");
            assertThat(seen.add(name)).as("collision at %s", i).isTrue();
        }
        assertThat(BridgeNames.bridge("/var/lib/jcompose", "a_very_long_project_name_with_many_words_default"))
                .isEqualTo(BridgeNames.bridge("/var/lib/jcompose", "a_very_long_project_name_with_many_words_default"))
                .hasSize(15);
    }

    @Test
    void twoStoresGetTwoBridgesForOneNetworkName() {
        assertThat(BridgeNames.bridge("/var/lib/jcompose", "web_default"))
                .isNotEqualTo(BridgeNames.bridge("/tmp/test-store", "web_default"));
    }

    @Test
    void hostVethsAreShortAndDifferPerNetworkAndContainer() {
        String a = BridgeNames.hostVeth("jc-1", "c0ffee");
        assertThat(a).hasSize(15).startsWith("jcv");
        assertThat(a).isEqualTo(BridgeNames.hostVeth("jc-1", "c0ffee"))
                .isNotEqualTo(BridgeNames.hostVeth("jc-2", "c0ffee"))
                .isNotEqualTo(BridgeNames.hostVeth("jc-1", "c0ffef"));
    }

    @Test
    void givenBridgeNamesAreChecked() {
        assertThat(BridgeNames.checked("mybr0")).isEqualTo("mybr0");
        assertThatThrownBy(() -> BridgeNames.checked("sixteen-chars-xx")).hasMessageContaining("at most 15");
        assertThatThrownBy(() -> BridgeNames.checked("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BridgeNames.checked("-x")).isInstanceOf(IllegalArgumentException.class);
    }
}
