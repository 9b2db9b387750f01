package io.toolcatalog.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolcatalog.core.testing.Tools;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredProfilesTest {

    private final ToolJson json = new ToolJson();

    /** As jsonb returns it: shorter keys first, a space after every colon and comma. */
    private static final String FROM_JSONB = "{\"fast\": {\"timeout_ms\": 500}, \"default\": {\"parameters\":"
            + " {\"flags\": \"-n\"}, \"timeout_ms\": 5000, \"cost_weight\": 0.2, \"max_retries\": 2}}";

    private static final Map<String, Profile> PARSED = Map.of(
            "default",
            new Profile(5000, 2, 0.2, null, null, Map.of("flags", "-n")),
            "fast",
            new Profile(500, null, null, null, null, null));

    @Test
    void isNotParsedUntilRead() {
        StoredProfiles broken = new StoredProfiles("{\"default\": {\"timeout_ms\": \"soon\"}}", json);

        assertThat(broken.json()).contains("soon");
        assertThatThrownBy(() -> broken.get("default"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stored profiles cannot be read");
    }

    @Test
    void readsAsTheMapAToolHoldsOtherwise() {
        Tool stored = tool(new StoredProfiles(FROM_JSONB, json));
        Tool plain = tool(PARSED);

        assertThat(stored.profiles()).isEqualTo(PARSED).containsOnlyKeys("default", "fast");
        assertThat(List.copyOf(stored.profiles().keySet())).containsExactly("default", "fast");
        assertThat(stored.profiles().hashCode()).isEqualTo(PARSED.hashCode());
        assertThat(stored).isEqualTo(plain);
        assertThat(plain).isEqualTo(stored);
        assertThat(stored.sameContentAs(plain)).isTrue();
    }

    @Test
    void isWrittenAsItWasRead() throws Exception {
        StoredProfiles stored = new StoredProfiles(FROM_JSONB, json);

        assertThat(json.writeProfiles(stored)).isEqualTo(FROM_JSONB);
        assertThat(json.write(stored)).isEqualTo(json.write(tool(PARSED).profiles()));
    }

    @Test
    void isWrittenIntoAToolDocumentAsItWasReadWithoutBeingParsed() {
        StoredProfiles served = new StoredProfiles(FROM_JSONB, json);
        served.get("fast");
        StoredProfiles stored = new StoredProfiles(FROM_JSONB, json);

        String document = json.writeTool(tool(stored));

        assertThat(document).contains("\"profiles\":" + FROM_JSONB + ",");
        assertThat(stored.parseNow(served)).as("not parsed to be written").isTrue();
        assertThat(json.readTool(document)).isEqualTo(tool(PARSED));
        assertThat(json.readDocument(document))
                .as("the document the parsed profiles give")
                .isEqualTo(json.readDocument(json.writeTool(tool(PARSED))));
    }

    @Test
    void equalsOtherTextOnlyWhenTheProfilesAreEqual() {
        StoredProfiles stored = new StoredProfiles(FROM_JSONB, json);

        assertThat(stored).isEqualTo(new StoredProfiles(FROM_JSONB, json));
        assertThat(stored).isEqualTo(new StoredProfiles(json.writeProfiles(PARSED), json));
        assertThat(stored).isNotEqualTo(new StoredProfiles("{\"fast\": {\"timeout_ms\": 500}}", json));
    }

    @Test
    void saysWhenItReusedTheServedParseOfTheSameText() {
        StoredProfiles served = new StoredProfiles(FROM_JSONB, json);
        Profile fast = served.get("fast");
        StoredProfiles again = new StoredProfiles(FROM_JSONB, json);
        StoredProfiles edited = new StoredProfiles("{\"fast\": {\"timeout_ms\": 5}}", json);

        assertThat(again.parseNow(served)).isTrue();
        assertThat(again.get("fast")).isSameAs(fast);
        assertThat(again.parseNow(served))
                .as("parsed already: nothing compared")
                .isFalse();
        assertThat(edited.parseNow(served)).isFalse();
        assertThat(edited.get("fast").timeoutMs()).isEqualTo(5);
        assertThat(new StoredProfiles(FROM_JSONB, json).parseNow(new StoredProfiles(FROM_JSONB, json)))
                .as("the earlier one not parsed: nothing to reuse")
                .isFalse();
    }

    @Test
    void cannotBeChanged() {
        Map<String, Profile> stored = new StoredProfiles(FROM_JSONB, json);

        assertThatThrownBy(() -> stored.put("slow", PARSED.get("fast")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> stored.remove("fast")).isInstanceOf(UnsupportedOperationException.class);
    }

    private static Tool tool(Map<String, Profile> profiles) {
        Instant at = Instant.parse("2026-11-28T10:00:00Z");
        return Tools.named("grep")
                .description("Search")
                .category("search")
                .tags(List.of("text"))
                .profiles(profiles)
                .created(at, "a")
                .updated(at, "a")
                .build();
    }
}
