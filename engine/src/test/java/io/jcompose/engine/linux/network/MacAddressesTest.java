package io.jcompose.engine.linux.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MacAddressesTest {

    @Test
    void derivedFromTheAddressLikeDocker() {
        assertThat(MacAddresses.forAddress(Subnet.address("172.17.0.2"))).isEqualTo("02:42:ac:11:00:02");
        assertThat(MacAddresses.forAddress(Subnet.address("10.210.255.254"))).isEqualTo("02:42:0a:d2:ff:fe");
    }

    @Test
    void givenOnesAreCheckedAndLowerCased() {
        assertThat(MacAddresses.checked("02:AB:cd:00:11:22")).isEqualTo("02:ab:cd:00:11:22");
        assertThatThrownBy(() -> MacAddresses.checked("01:00:5e:00:00:01")).hasMessageContaining("invalid MAC");
        assertThatThrownBy(() -> MacAddresses.checked("02:42:ac:11:00")).hasMessageContaining("invalid MAC");
        assertThatThrownBy(() -> MacAddresses.checked("02-42-ac-11-00-02")).hasMessageContaining("invalid MAC");
    }
}
