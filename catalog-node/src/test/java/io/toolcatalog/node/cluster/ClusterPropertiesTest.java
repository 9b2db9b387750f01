package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ClusterPropertiesTest {

    private static ClusterProperties named(String name) {
        return new Binder(new MapConfigurationPropertySource(Map.of("catalog.cluster.name", name)))
                .bindOrCreate("catalog.cluster", ClusterProperties.class);
    }

    @Test
    void inARedisClusterEveryKeyAndChannelCarriesTheNameAsOneHashTag() {
        ClusterProperties plain = named("catalog");
        ClusterProperties tagged = plain.inRedisCluster();

        assertThat(plain.changedChannel()).isEqualTo("catalog:catalog-changed");
        assertThat(tagged.changedChannel()).isEqualTo("{catalog}:catalog-changed");
        assertThat(tagged.reloadChannel()).isEqualTo("{catalog}:reload-requested");
        assertThat(tagged.eventsKey()).isEqualTo("{catalog}:reload-events");
        assertThat(tagged.countsKey()).isEqualTo("{catalog}:reload-counts");
        assertThat(tagged.nodesKey()).isEqualTo("{catalog}:nodes");
        assertThat(tagged).usingRecursiveComparison().ignoringFields("name").isEqualTo(plain);
    }

    @Test
    void aNameThatHasAHashTagAlreadyIsKept() {
        ClusterProperties tagged = named("catalog").inRedisCluster();
        assertThat(tagged.inRedisCluster()).isSameAs(tagged);
        assertThat(named("{shared}-catalog").inRedisCluster().name()).isEqualTo("{shared}-catalog");
        assertThat(named("odd{}name").inRedisCluster().name()).isEqualTo("{odd{}name}");
    }
}
