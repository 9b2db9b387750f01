package io.toolcatalog.core.reload;

import io.toolcatalog.core.settings.SettingsDefaults;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Explicit reloads ({@code catalog.reload.*}).
 *
 * @param periodicRefresh whether to reload everything every {@code refreshInterval}
 *     ({@code TOOL_CATALOG_PERIODIC_REFRESH})
 * @param refreshInterval the periodic reload's interval ({@code TOOL_CATALOG_REFRESH_INTERVAL},
 *     seconds)
 * @param historySize how many of its own reload events a node keeps in memory
 */
@ConfigurationProperties("catalog.reload")
public record ReloadProperties(
        @DefaultValue("false") boolean periodicRefresh,
        @DefaultValue("300s") Duration refreshInterval,
        @DefaultValue("1000") int historySize) {

    /** Every setting at its default: what binding no properties at all gives. */
    public static ReloadProperties defaults() {
        return SettingsDefaults.of(ReloadProperties.class);
    }
}
