package io.toolcatalog.core.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * A settings record at its defaults, for code Spring does not wire (tests, benchmarks). The defaults
 * live once, in the record's {@code @DefaultValue}s: this binds no properties at all, as a node
 * configured with nothing does.
 */
public final class SettingsDefaults {

    private SettingsDefaults() {}

    public static <T> T of(Class<T> settings) {
        ConfigurationProperties bound = settings.getAnnotation(ConfigurationProperties.class);
        if (bound == null) {
            throw new IllegalArgumentException(settings.getName() + " is not a @ConfigurationProperties record");
        }
        String prefix = bound.prefix().isEmpty() ? bound.value() : bound.prefix();
        return new Binder().bindOrCreate(prefix, settings);
    }
}
