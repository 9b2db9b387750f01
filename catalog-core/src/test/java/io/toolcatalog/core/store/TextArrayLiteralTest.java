package io.toolcatalog.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The texts here are what PostgreSQL prints; ToolTagsIT checks the rule against PostgreSQL itself. */
class TextArrayLiteralTest {

    @Test
    void splitsUnquotedElements() {
        assertThat(TextArrayLiteral.elements("{bench,tag-3}")).containsExactly("bench", "tag-3");
        assertThat(TextArrayLiteral.elements("{solo}")).containsExactly("solo");
        assertThat(TextArrayLiteral.elements("{NULLx,nULL?,é😀}")).containsExactly("NULLx", "nULL?", "é😀");
    }

    @Test
    void readsAnEmptyArrayAndSqlNullAsNoElements() {
        assertThat(TextArrayLiteral.elements("{}")).isEmpty();
        assertThat(TextArrayLiteral.elements(null)).isEmpty();
    }

    @Test
    void unquotesAndUnescapesQuotedElements() {
        assertThat(TextArrayLiteral.elements("{\"\",\"a b\",\"c,d\",\"{x}\",\"NULL\",\"null\"}"))
                .containsExactly("", "a b", "c,d", "{x}", "NULL", "null");
        assertThat(TextArrayLiteral.elements("{\"say \\\"hi\\\"\",\"back\\\\slash\\\\\",\"\\\\\\\"\"}"))
                .containsExactly("say \"hi\"", "back\\slash\\", "\\\"");
    }

    @Test
    void dropsBoundsThatDoNotStartAtOne() {
        assertThat(TextArrayLiteral.elements("[0:2]={a,\"b c\",d}")).containsExactly("a", "b c", "d");
    }

    @Test
    void refusesANullElement() {
        assertThatThrownBy(() -> TextArrayLiteral.elements("{ok,NULL}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a NULL element");
        assertThatThrownBy(() -> TextArrayLiteral.elements("{NULL}")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesMoreThanOneDimension() {
        for (String text : List.of("{{a,b},{c,d}}", "[0:0][1:1]={{a}}", "{{}}")) {
            assertThatThrownBy(() -> TextArrayLiteral.elements(text))
                    .as(text)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("more than one dimension");
        }
    }

    @Test
    void refusesWhatPostgresqlDoesNotPrint() {
        for (String text : List.of("", "{a", "a}", "{a}x", "{\"a}", "{a,}", "{,a}", "{a\"b}", "{a\\b}", "[0:1]{a}")) {
            assertThatThrownBy(() -> TextArrayLiteral.elements(text))
                    .as(text)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not a one-dimensional text array");
        }
    }
}
