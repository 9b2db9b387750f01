package io.toolcatalog.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void escapesLineBreaksAndOtherControlCharacters() {
        assertThat(LogText.escape("a\r\nINFO forged\u0000\u001b[31m\u2028"))
                .isEqualTo("a\\r\\nINFO forged\\u0000\\u001b[31m\\u2028");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        assertThat(LogText.escape("grep-2 é ✓")).isEqualTo("grep-2 é ✓");
        assertThat(LogText.escape(null)).isEqualTo("null");
    }

    @Test
    void cutsVeryLongText() {
        assertThat(LogText.escape("x".repeat(10_000))).hasSize(513).endsWith("…");
    }
}
