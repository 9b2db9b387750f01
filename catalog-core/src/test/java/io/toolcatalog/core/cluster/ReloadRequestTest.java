package io.toolcatalog.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.change.ReloadTrigger;
import org.junit.jupiter.api.Test;

class ReloadRequestTest {

    @Test
    void anAskedReloadIsTriggeredByItsPrincipalWithTheDefaultReasonWhenTheCallerLeavesThemBlank() {
        ReloadRequest request =
                ReloadRequest.asked(ReloadTrigger.MANUAL, null, " ", "alice", "", "Manual reload", "node-a");

        assertThat(request.triggeredBy()).isEqualTo("alice");
        assertThat(request.principal()).isEqualTo("alice");
        assertThat(request.reason()).isEqualTo("Manual reload");
        assertThat(request.originNode()).isEqualTo("node-a");
        assertThat(request.reloadId())
                .isNotEqualTo(ReloadRequest.asked(ReloadTrigger.MANUAL, null, null, "alice", null, "r", "node-a")
                        .reloadId());
    }

    @Test
    void anAskedReloadKeepsWhatTheCallerGave() {
        ReloadRequest request =
                ReloadRequest.asked(ReloadTrigger.WEBHOOK, "grep", "ci", "webhook", "deploy 42", "Webhook", "node-a");

        assertThat(request.toolName()).isEqualTo("grep");
        assertThat(request.triggeredBy()).isEqualTo("ci");
        assertThat(request.principal()).isEqualTo("webhook");
        assertThat(request.reason()).isEqualTo("deploy 42");
    }
}
