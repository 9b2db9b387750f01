package io.toolcatalog.core.tool;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolcatalog.core.error.InvalidToolException;
import io.toolcatalog.core.testing.ToolDrafts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ToolValidatorTest {

    private final ToolValidator validator = new ToolValidator(CatalogLimits.defaults(), new ToolJson());

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
            assertThatCode(() -> validator.checkNew(
                            "",
                            ToolDrafts.plain("web.search_v2-beta", "Search text")
                                    .tags("text")
                                    .build()))
                    .doesNotThrowAnyException();
        }

        @Test
        void rejectsUppercaseSpacesAndLeadingPunctuation() {
            assertField(
                    () -> validator.checkNew(
                            "",
                            ToolDrafts.plain("Grep", "Search text").tags("text").build()),
                    "name");
            assertField(
                    () -> validator.checkNew(
                            "",
                            ToolDrafts.plain("my tool", "Search text")
                                    .tags("text")
                                    .build()),
                    "name");
            assertField(
                    () -> validator.checkNew(
                            "",
                            ToolDrafts.plain("-grep", "Search text")
                                    .tags("text")
                                    .build()),
                    "name");
        }

        @Test
        void rejectsNamesLongerThan64Characters() {
            assertField(
                    () -> validator.checkNew(
                            "",
                            ToolDrafts.plain("a".repeat(65), "Search text")
                                    .tags("text")
                                    .build()),
                    "name");
            assertThatCode(() -> validator.checkNew(
                            "",
                            ToolDrafts.plain("a".repeat(64), "Search text")
                                    .tags("text")
                                    .build()))
                    .doesNotThrowAnyException();
        }

        @Test
        void rejectsReservedNames() {
            for (String reserved : List.of("reload", "import", "export")) {
                assertField(
                        () -> validator.checkNew(
                                "",
                                ToolDrafts.plain(reserved, "Search text")
                                        .tags("text")
                                        .build()),
                        "name");
            }
        }
    }

    @Nested
    class Content {

        @Test
        void requiresADescriptionOnCreate() {
            assertField(() -> validator.checkNew("", ToolDrafts.named("grep").build()), "description");
        }

        @Test
        void rejectsADescriptionOver4000Characters() {
            ToolDraft draft =
                    ToolDrafts.named("grep").description("x".repeat(4001)).build();
            assertField(() -> validator.checkContent("", draft), "description");
        }

        @Test
        void rejectsMoreThan32Profiles() {
            Map<String, Profile> profiles = new HashMap<>();
            for (int i = 0; i < 33; i++) {
                profiles.put("p" + i, new Profile(1, null, null, null, null, null));
            }
            ToolDraft draft =
                    ToolDrafts.named("grep").description("d").profiles(profiles).build();
            assertField(() -> validator.checkContent("", draft), "profiles");
        }

        @Test
        void rejectsAProfileLargerThan16Kilobytes() {
            Profile big = new Profile(null, null, null, null, null, Map.of("blob", "x".repeat(17_000)));
            ToolDraft draft = ToolDrafts.named("grep")
                    .description("d")
                    .profile("default", big)
                    .build();
            assertField(() -> validator.checkContent("", draft), "profiles.default");
        }

        @Test
        void namesTheProfileFieldOutOfRange() {
            Profile bad = new Profile(0, null, null, null, null, null);
            ToolDraft draft = ToolDrafts.named("grep")
                    .description("d")
                    .profile("fast", bad)
                    .build();
            assertField(() -> validator.checkContent("", draft), "profiles.fast.timeout_ms");
            Profile weight = new Profile(null, null, 1.5, null, null, null);
            ToolDraft heavy = ToolDrafts.named("grep")
                    .description("d")
                    .profile("fast", weight)
                    .build();
            assertField(() -> validator.checkContent("", heavy), "profiles.fast.cost_weight");
        }

        @Test
        void rejectsBlankTags() {
            ToolDraft draft =
                    ToolDrafts.named("grep").description("d").tags("ok", " ").build();
            assertField(() -> validator.checkContent("", draft), "tags[1]");
        }
    }

    @Nested
    class Imports {

        @Test
        void namesTheDuplicateByItsIndex() {
            List<ToolDraft> drafts = List.of(
                    ToolDrafts.plain("a", "Search text").tags("text").build(),
                    ToolDrafts.plain("b", "Search text").tags("text").build(),
                    ToolDrafts.plain("a", "Search text").tags("text").build());
            assertField(() -> validator.checkImport(drafts), "tools[2].name");
        }

        @Test
        void prefixesTheFieldOfAnInvalidTool() {
            List<ToolDraft> drafts = List.of(
                    ToolDrafts.plain("a", "Search text").tags("text").build(),
                    ToolDrafts.plain("Bad Name", "Search text").tags("text").build());
            assertField(() -> validator.checkImport(drafts), "tools[1].name");
        }

        @Test
        void rejectsMoreToolsThanTheLimit() {
            List<ToolDraft> drafts = new ArrayList<>(Collections.nCopies(
                    10_001, ToolDrafts.plain("a", "Search text").tags("text").build()));
            assertField(() -> validator.checkImport(drafts), "tools");
        }
    }
}
