package io.jcompose.planner.labels;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.model.Attributes;
import io.jcompose.model.Service;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeNamesTest {

    @Test
    void container_isProjectServiceNumber() {
        assertThat(ComposeNames.container("shop", "web", 3)).isEqualTo("shop-web-3");
    }

    @Test
    void container_containerNameOverrides() {
        Service db = new Service("db", Attributes.of(Map.of("container_name", "database")));

        assertThat(ComposeNames.container("shop", db, 1)).isEqualTo("database");
    }

    @Test
    void oneOff_cutsTheIdTo12() {
        assertThat(ComposeNames.oneOff("shop", "web", "0123456789abcdef")).isEqualTo("shop-web-run-0123456789ab");
    }

    @Test
    void resource_isProjectUnderscoreKey() {
        assertThat(ComposeNames.resource("shop", "default")).isEqualTo("shop_default");
    }

    @Test
    void temporary_prefixesTheShortOldId() {
        assertThat(ComposeNames.temporary("abcdef0123456789", "shop-web-1")).isEqualTo("abcdef012345_shop-web-1");
    }

    @Test
    void builtImage_isProjectDashService() {
        assertThat(ComposeNames.builtImage("shop", "app")).isEqualTo("shop-app");
    }
}
