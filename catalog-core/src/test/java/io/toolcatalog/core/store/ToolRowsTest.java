package io.toolcatalog.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ToolRowsTest {

    @Test
    void readsMicrosecondsSinceTheEpochExactly() {
        assertThat(ToolRows.fromMicros(1_764_324_000_123_456L)).isEqualTo(Instant.parse("2025-11-28T10:00:00.123456Z"));
        assertThat(ToolRows.fromMicros(0)).isEqualTo(Instant.EPOCH);
        assertThat(ToolRows.fromMicros(-1)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    }
}
