package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Bearer tokens and roles: reader < editor < admin; reads open; actuator and Swagger UI outside. */
class SecurityIT extends ApiTestSupport {

    @Nested
    class Authentication {

        @Test
        void aMutationWithoutATokenIs401WithWwwAuthenticate() {
            var before = database();
            Api.Reply reply =
                    api.post(TOOLS).json(toolJson(unique("anon"), "d")).send();

            assertProblem(reply, 401);
            assertThat(reply.header("WWW-Authenticate")).contains("Bearer");
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void anUnknownTokenIs401AndIsNotEchoed() {
            var before = database();
            Api.Reply reply = api.post(TOOLS)
                    .token("guessed-secret-value")
                    .json(toolJson(unique("anon"), "d"))
                    .send();

            assertProblem(reply, 401);
            assertThat(reply.header("WWW-Authenticate")).contains("Bearer");
            assertThat(reply.body()).doesNotContain("guessed-secret-value");
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void anAuthorizationThatIsNotBearerIs401() {
            var before = database();
            Api.Reply reply = api.post(TOOLS)
                    .header("Authorization", "Basic YWRtaW46YWRtaW4=")
                    .json(toolJson(unique("basic"), "d"))
                    .send();

            assertProblem(reply, 401);
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void anUnknownTokenOnAnOpenReadIs401() {
            assertProblem(api.get(TOOLS).token("nope").send(), 401);
        }

        @Test
        void readsAreOpenWithoutAToken() {
            assertThat(api.get(TOOLS).send().status()).isEqualTo(200);
            assertThat(api.get("/api/v1/profiles").send().status()).isEqualTo(200);
        }

        @Test
        void aHashedTokenFromConfigurationActsAsItsPrincipal() {
            String name = unique("hashed");
            Api.Reply reply = api.post(TOOLS)
                    .token(HASHED_EDITOR)
                    .json(toolJson(name, "d"))
                    .send();

            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.json().path("created_by").asText()).isEqualTo("ci-bot");
            assertThat(jdbc.queryForObject(
                            "SELECT principal FROM catalog_changes WHERE ? = ANY(tool_names)", String.class, name))
                    .isEqualTo("ci-bot");
        }
    }

    @Nested
    class Roles {

        @Test
        void aReaderCannotEdit() {
            var before = database();
            Api.Reply reply = api.post(TOOLS)
                    .token(READER)
                    .json(toolJson(unique("r"), "d"))
                    .send();

            assertProblem(reply, 403);
            assertThat(reply.json().path("detail").asText()).contains("reader").contains("editor");
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void aReaderCannotDeleteOrToggle() {
            String name = createTool(unique("guarded"));
            var before = database();

            assertProblem(api.delete(TOOLS + "/" + name).token(READER).send(), 403);
            assertProblem(
                    api.patch(TOOLS + "/" + name + "/disable").token(READER).send(), 403);
            assertProblem(
                    api.put(TOOLS + "/" + name)
                            .token(READER)
                            .json("{\"description\": \"x\"}")
                            .send(),
                    403);
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void anEditorCannotReloadImportOrRollBack() {
            String name = createTool(unique("guarded"));
            var before = database();

            assertProblem(api.post(TOOLS + "/reload").token(EDITOR).send(), 403);
            assertProblem(
                    api.post(TOOLS + "/import")
                            .token(EDITOR)
                            .json("{\"tools\": []}")
                            .send(),
                    403);
            assertProblem(
                    api.post(TOOLS + "/" + name + "/rollback?version=1")
                            .token(EDITOR)
                            .send(),
                    403);
            assertThat(database()).isEqualTo(before);
        }

        @Test
        void anAdminMayDoWhatAnEditorMay() {
            String name = unique("admin");
            Api.Reply reply =
                    api.post(TOOLS).token(ADMIN).json(toolJson(name, "d")).send();

            assertThat(reply.status()).isEqualTo(201);
            assertThat(jdbc.queryForObject(
                            "SELECT principal FROM catalog_changes WHERE ? = ANY(tool_names)", String.class, name))
                    .isEqualTo("admin");
        }

        @Test
        void triggeredByIsTheCallersValueAndThePrincipalIsStillRecorded() {
            String name = createTool(unique("who"));
            api.delete(TOOLS + "/" + name + "?triggered_by=release-bot&reason=retired")
                    .token(EDITOR)
                    .send();

            assertThat(jdbc.queryForMap(
                            "SELECT triggered_by, principal, reason FROM catalog_changes"
                                    + " WHERE ? = ANY(tool_names) AND operation = 'delete'",
                            name))
                    .containsEntry("triggered_by", "release-bot")
                    .containsEntry("principal", "editor")
                    .containsEntry("reason", "retired");
        }
    }

    @Nested
    class OutsideTheApi {

        @Test
        void actuatorHealthNeedsNoToken() {
            assertThat(api.get("/actuator/health").send().status()).isEqualTo(200);
        }

        @Test
        void theOpenApiDocumentNeedsNoTokenAndDeclaresTheBearerScheme() {
            Api.Reply reply = api.get("/v3/api-docs").send();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json()
                            .path("components")
                            .path("securitySchemes")
                            .path("bearer")
                            .path("scheme")
                            .asText())
                    .isEqualTo("bearer");
            assertThat(reply.json().path("paths").has("/api/v1/tools/{name}")).isTrue();
            assertThat(reply.json().path("paths").has("/api/v1/tools/reload")).isTrue();
        }

        @Test
        void swaggerUiNeedsNoToken() {
            Api.Reply reply = api.get("/swagger-ui.html").send();

            assertThat(reply.status()).isIn(200, 302);
            assertThat(api.get("/swagger-ui/index.html").send().status()).isEqualTo(200);
        }
    }
}
