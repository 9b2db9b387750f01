package io.toolcatalog.core.tool;

import io.toolcatalog.core.settings.SettingsDefaults;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The limits every write is checked against ({@code catalog.limits.*}).
 *
 * @param namePattern what a tool or profile name must match
 * @param reservedNames names that would clash with API paths
 * @param maxDescriptionLength longest description, in characters
 * @param maxCategoryLength longest category, in characters
 * @param maxTags most tags on one tool
 * @param maxTagLength longest tag, in characters
 * @param maxProfiles most profiles on one tool
 * @param maxProfileSize largest profile, as JSON
 * @param maxImportTools most tools in one import
 * @param maxBodySize largest request body
 * @param maxReasonLength longest {@code reason} a caller may give, in characters
 * @param maxActorLength longest {@code triggered_by}, {@code created_by} or {@code updated_by}, in characters
 * @param maxSchemaSize largest JSON Schema document: a tool's {@code input_schema} or
 *     {@code output_schema}, or a profile schema
 */
@ConfigurationProperties("catalog.limits")
public record CatalogLimits(
        @DefaultValue("^[a-z0-9][a-z0-9._-]{0,63}$") Pattern namePattern,
        @DefaultValue({"reload", "import", "export"}) Set<String> reservedNames,
        @DefaultValue("4000") int maxDescriptionLength,
        @DefaultValue("64") int maxCategoryLength,
        @DefaultValue("32") int maxTags,
        @DefaultValue("64") int maxTagLength,
        @DefaultValue("32") int maxProfiles,
        @DefaultValue("16KB") DataSize maxProfileSize,
        @DefaultValue("10000") int maxImportTools,
        @DefaultValue("5MB") DataSize maxBodySize,
        @DefaultValue("512") int maxReasonLength,
        @DefaultValue("128") int maxActorLength,
        @DefaultValue("64KB") DataSize maxSchemaSize) {

    /** The limits the API enforces (docs/ARCHITECTURE.md, Security and input), for code that is not wired by Spring (tests, benchmarks). */
    public static CatalogLimits defaults() {
        return SettingsDefaults.of(CatalogLimits.class);
    }
}
