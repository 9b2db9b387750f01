package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Free text a caller gives with a change ({@code reason} up to 512 characters, {@code triggered_by},
 * {@code created_by}, {@code updated_by} up to 128) is bounded on every endpoint that takes it: past
 * the limit a 400 names the field and nothing is written.
 */
class FreeTextLimitsIT extends ApiTestSupport {

    private static final String LONG_REASON = "r".repeat(513);
    private static final String LONG_ACTOR = "a".repeat(129);

    private final Instant testStart = Instant.now();

    private void rejectsWithoutWriting(Supplier<Api.Reply> call, String field) {
        DatabaseState before = database();
        long reloads = manualAndWebhookReloads();

        assertBadRequest(call.get(), field, "is longer than");

        assertThat(database()).isEqualTo(before);
        assertThat(manualAndWebhookReloads()).isEqualTo(reloads);
    }

    /** This test's own reloads: history reads stop at their limit. */
    private long manualAndWebhookReloads() {
        long total = 0;
        for (String trigger : new String[] {"manual", "webhook"}) {
            total += api.get(TOOLS + "/reload/history?limit=100&trigger=" + trigger + "&since=" + testStart)
                    .send()
                    .json()
                    .get("total")
                    .asLong();
        }
        return total;
    }

    @Nested
    class Reload {

        @Test
        void aReasonPastTheLimitIs400() {
            rejectsWithoutWriting(
                    () -> api.post(TOOLS + "/reload?scope=node&reason=" + LONG_REASON)
                            .token(ADMIN)
                            .send(),
                    "reason");
        }

        @Test
        void aTriggeredByPastTheLimitIs400() {
            rejectsWithoutWriting(
                    () -> api.post(TOOLS + "/reload?scope=node&triggered_by=" + LONG_ACTOR)
                            .token(ADMIN)
                            .send(),
                    "triggered_by");
        }

        @Test
        void textAtTheLimitIsAccepted() {
            Api.Reply reply = api.post(
                            TOOLS + "/reload?scope=node&reason=" + "r".repeat(512) + "&triggered_by=" + "a".repeat(128))
                    .token(ADMIN)
                    .send();

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        }
    }

    @Nested
    class Webhook {

        private Api.Reply send(String extra) {
            String body = WebhookIT.payload(System.currentTimeMillis() / 1000, extra);
            try {
                return api.post(TOOLS + "/reload/webhook")
                        .json(body)
                        .header("X-Catalog-Signature", WebhookIT.sign(WEBHOOK_SECRET, body))
                        .send();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Test
        void aReasonPastTheLimitIs400() {
            rejectsWithoutWriting(() -> send(", \"reason\": \"" + LONG_REASON + "\""), "reason");
        }

        @Test
        void aTriggeredByPastTheLimitIs400() {
            rejectsWithoutWriting(() -> send(", \"triggered_by\": \"" + LONG_ACTOR + "\""), "triggered_by");
        }
    }

    @Nested
    class ToolWrites {

        @Test
        void createRejectsALongCreatedByUpdatedByOrReason() {
            String name = unique("limits");
            String withCreatedBy = toolJson(name, "d").replaceFirst("\\{", "{\"created_by\": \"" + LONG_ACTOR + "\", ");
            String withUpdatedBy = toolJson(name, "d").replaceFirst("\\{", "{\"updated_by\": \"" + LONG_ACTOR + "\", ");

            rejectsWithoutWriting(
                    () -> api.post(TOOLS).token(EDITOR).json(withCreatedBy).send(), "created_by");
            rejectsWithoutWriting(
                    () -> api.post(TOOLS).token(EDITOR).json(withUpdatedBy).send(), "updated_by");
            rejectsWithoutWriting(
                    () -> api.post(TOOLS + "?reason=" + LONG_REASON)
                            .token(EDITOR)
                            .json(toolJson(name, "d"))
                            .send(),
                    "reason");
        }

        @Test
        void updateRejectsALongUpdatedByOrReason() {
            String name = createTool(unique("limits"));

            rejectsWithoutWriting(
                    () -> api.put(TOOLS + "/" + name)
                            .token(EDITOR)
                            .json("{\"description\": \"x\", \"updated_by\": \"" + LONG_ACTOR + "\"}")
                            .send(),
                    "updated_by");
            rejectsWithoutWriting(
                    () -> api.put(TOOLS + "/" + name + "?reason=" + LONG_REASON)
                            .token(EDITOR)
                            .json("{\"description\": \"x\"}")
                            .send(),
                    "reason");
        }

        @Test
        void enableDisableAndDeleteRejectALongTriggeredByOrReason() {
            String name = createTool(unique("limits"));

            for (String path : new String[] {"/disable", "/enable"}) {
                rejectsWithoutWriting(
                        () -> api.patch(TOOLS + "/" + name + path + "?triggered_by=" + LONG_ACTOR)
                                .token(EDITOR)
                                .send(),
                        "triggered_by");
                rejectsWithoutWriting(
                        () -> api.patch(TOOLS + "/" + name + path + "?reason=" + LONG_REASON)
                                .token(EDITOR)
                                .send(),
                        "reason");
            }
            rejectsWithoutWriting(
                    () -> api.delete(TOOLS + "/" + name + "?reason=" + LONG_REASON)
                            .token(EDITOR)
                            .send(),
                    "reason");
            assertThat(toolRows(name)).isEqualTo(1);
        }

        @Test
        void importAndRollbackRejectALongTriggeredByOrReason() {
            String name = createTool(unique("limits"));
            String body = "{\"tools\": [" + toolJson(unique("limits"), "d") + "]}";

            rejectsWithoutWriting(
                    () -> api.post(TOOLS + "/import?reason=" + LONG_REASON)
                            .token(ADMIN)
                            .json(body)
                            .send(),
                    "reason");
            rejectsWithoutWriting(
                    () -> api.post(TOOLS + "/import?triggered_by=" + LONG_ACTOR)
                            .token(ADMIN)
                            .json(body)
                            .send(),
                    "triggered_by");
            rejectsWithoutWriting(
                    () -> api.post(TOOLS + "/" + name + "/rollback?version=1&triggered_by=" + LONG_ACTOR)
                            .token(ADMIN)
                            .send(),
                    "triggered_by");
            rejectsWithoutWriting(
                    () -> api.post(TOOLS + "/" + name + "/rollback?version=1&reason=" + LONG_REASON)
                            .token(ADMIN)
                            .send(),
                    "reason");
        }
    }
}
