package io.toolcatalog.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.toolcatalog.core.tool.CatalogLimits;
import io.toolcatalog.core.write.WriteProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class SettingsDefaultsTest {

    @Test
    void givesEachSettingItsDefaultValueConvertedToItsType() {
        CatalogLimits limits = SettingsDefaults.of(CatalogLimits.class);

        assertThat(limits.namePattern().matcher("web-search").matches()).isTrue();
        assertThat(limits.namePattern().matcher("Web Search").matches()).isFalse();
        assertThat(limits.reservedNames()).containsExactlyInAnyOrder("reload", "import", "export");
        assertThat(limits.maxProfileSize()).isEqualTo(DataSize.ofKilobytes(16));
        assertThat(limits.maxImportTools()).isEqualTo(10_000);
        assertThat(SettingsDefaults.of(WriteProperties.class).admissionWait()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void refusesATypeThatIsNotASettingsRecord() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SettingsDefaults.of(Duration.class))
                .withMessageContaining("java.time.Duration");
    }
}
