package io.toolcatalog.core.changerequest;

import io.toolcatalog.core.settings.SettingsDefaults;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How changes are reviewed ({@code catalog.changes.*}).
 *
 * @param review {@code off}: direct writes as always, and a change request may be published
 *     without approval; {@code required}: editors change the catalog only through approved change
 *     requests, an admin writes directly only with a {@code reason} ({@code CATALOG_CHANGES_REVIEW})
 * @param requiredApprovals approvals of the current content a request needs to be approved
 * @param breakingApprovals approvals a request with a breaking change (a narrowed input schema)
 *     needs; unset: as many as {@code requiredApprovals}
 * @param schedulePoll how often each node looks for scheduled requests that are due
 */
@ConfigurationProperties("catalog.changes")
public record ChangesProperties(
        @DefaultValue("off") Review review,
        @DefaultValue("1") int requiredApprovals,
        Integer breakingApprovals,
        @DefaultValue("1s") Duration schedulePoll) {

    public enum Review {
        OFF,
        REQUIRED
    }

    /** Every setting at its default: what binding no properties at all gives. */
    public static ChangesProperties defaults() {
        return SettingsDefaults.of(ChangesProperties.class);
    }

    /** Approvals a request needs: at least one, and more when {@code breaking} if so configured. */
    public int approvalsNeeded(boolean breaking) {
        int needed = breaking && breakingApprovals != null ? breakingApprovals : requiredApprovals;
        return Math.max(1, needed);
    }

    public boolean reviewRequired() {
        return review == Review.REQUIRED;
    }
}
