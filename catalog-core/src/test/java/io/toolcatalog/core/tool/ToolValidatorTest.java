package io.toolcatalog.core.tool;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolcatalog.core.error.InvalidToolException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ToolValidatorTest {

    private final ToolValidator validator = new ToolValidator(CatalogLimits.defaults(), new ToolJson());

    private static ToolDraft draft(String name) {
        return new ToolDraft(name, "Search text", "search", List.of("text"), true, Map.of(), null);
    }

    private static void assertField(Runnable call, String field) {
        assertThatThrownBy(call::run)
                .isInstanceOf(InvalidToolException.class)
                .extracting(e -> ((InvalidToolException) e).field())
                .isEqualTo(field);
    }

    @Nested
    class Names {

        @Test
        void acceptsLowercaseNamesWithDotsDashesAndUnderscores() {
            assertThatCode(() -> validator.checkNew("", draft("web.search_v2-beta")))
                    .doesNotThrowAnyException();
        }

        @Test
        void rejectsUppercaseSpacesAndLeadingPunctuation() {
            assertField(() -> validator.checkNew("", draft("Grep")), "name");
            assertField(() -> validator.checkNew("", draft("my tool")), "name");
            assertField(() -> validator.checkNew("", draft("-grep")), "name");
        }

        @Test
        void rejectsNamesLongerThan64Characters() {
            assertField(() -> validator.checkNew("", draft("a".repeat(65))), "name");
            assertThatCode(() -> validator.checkNew("", draft("a".repeat(64)))).doesNotThrowAnyException();
        }

        @Test
        void rejectsReservedNames() {
            for (String reserved : List.of("reload", "import", "export")) {
                assertField(() -> validator.checkNew("", draft(reserved)), "name");
            }
        }
    }

    @Nested
    class Content {

        @Test
        void requiresADescriptionOnCreate() {
            assertField(
                    () -> validator.checkNew("", new ToolDraft("grep", null, null, null, null, null, null)),
                    "description");
        }

        @Test
        void rejectsADescriptionOver4000Characters() {
            ToolDraft draft = new ToolDraft("grep", "x".repeat(4001), null, null, null, null, null);
            assertField(() -> validator.checkContent("", draft), "description");
        }

        @Test
        void rejectsMoreThan32Profiles() {
            Map<String, Profile> profiles = new HashMap<>();
            for (int i = 0; i < 33; i++) {
                profiles.put("p" + i, new Profile(1, null, null, null, null, null));
            }
            ToolDraft draft = new ToolDraft("grep", "d", null, null, null, profiles, null);
            assertField(() -> validator.checkContent("", draft), "profiles");
        }

        @Test
        void rejectsAProfileLargerThan16Kilobytes() {
            Profile big = new Profile(null, null, null, null, null, Map.of("blob", "x".repeat(17_000)));
            ToolDraft draft = new ToolDraft("grep", "d", null, null, null, Map.of("default", big), null);
            assertField(() -> validator.checkContent("", draft), "profiles.default");
        }

        @Test
        void namesTheProfileFieldOutOfRange() {
            Profile bad = new Profile(0, null, null, null, null, null);
            ToolDraft draft = new ToolDraft("grep", "d", null, null, null, Map.of("fast", bad), null);
            assertField(() -> validator.checkContent("", draft), "profiles.fast.timeout_ms");
            Profile weight = new Profile(null, null, 1.5, null, null, null);
            ToolDraft heavy = new ToolDraft("grep", "d", null, null, null, Map.of("fast", weight), null);
            assertField(() -> validator.checkContent("", heavy), "profiles.fast.cost_weight");
        }

        @Test
        void rejectsBlankTags() {
            ToolDraft draft = new ToolDraft("grep", "d", null, List.of("ok", " "), null, null, null);
            assertField(() -> validator.checkContent("", draft), "tags[1]");
        }
    }

    @Nested
    class Imports {

        @Test
        void namesTheDuplicateByItsIndex() {
            List<ToolDraft> drafts = List.of(draft("a"), draft("b"), draft("a"));
            assertField(() -> validator.checkImport(drafts), "tools[2].name");
        }

        @Test
        void prefixesTheFieldOfAnInvalidTool() {
            List<ToolDraft> drafts = List.of(draft("a"), draft("Bad Name"));
            assertField(() -> validator.checkImport(drafts), "tools[1].name");
        }

        @Test
        void rejectsMoreToolsThanTheLimit() {
            List<ToolDraft> drafts = new ArrayList<>(Collections.nCopies(10_001, draft("a")));
            assertField(() -> validator.checkImport(drafts), "tools");
        }
    }
}
