package io.toolcatalog.api.rollout;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.security.BearerTokens;
import io.toolcatalog.api.security.NoToken;
import io.toolcatalog.api.security.RateBudgets;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Consumers' outcome reports: how their calls of each tool went, and the revisions they could not
 * apply. Open as reads are (a token only when reads require one). The consumer names itself in
 * {@code X-Catalog-Consumer}; an id a principal owns (a consumer that came with its token, on the
 * watch stream or here) is that principal's alone, by the consumer registry's rule. Each count
 * lands on the rollout that holds the tool in this node's snapshot, on the cohort's side or the
 * control's; a node takes at most {@code catalog.security.report-rate-limit} reports per second.
 */
@RestController
@Tag(name = ApiTags.ROLLOUTS)
class OutcomeReportController {

    private final BearerTokens tokens;
    private final RateBudgets budgets;
    private final OutcomeIntake intake;

    OutcomeReportController(BearerTokens tokens, RateBudgets budgets, OutcomeIntake intake) {
        this.tokens = tokens;
        this.budgets = budgets;
        this.intake = intake;
    }

    @PostMapping(path = "/api/v1/consumers/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    @NoToken
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Report outcomes",
            description = "A consumer's successes and failures per tool (≤ 200 tools, counts 0..1,000,000) and"
                    + " the revisions it failed to apply (≤ 20). X-Catalog-Consumer is required; with a token,"
                    + " an id another principal owns is refused (403). Outcomes on tools under no active"
                    + " rollout are ignored; an apply failure from a consumer in a rollout's cohort aborts it."
                    + " A token is needed only when reads need one.")
    @ApiResponse(responseCode = "202", description = "How many tools' counts were taken")
    @ApiResponse(responseCode = "403", description = "The consumer id is owned by another principal")
    @ApiResponse(responseCode = "429", description = "This node's report budget is spent; Retry-After")
    RolloutResponse.Accepted report(
            @RequestHeader(value = ConsumerIdentity.ID_HEADER, required = false) String consumerId,
            @RequestHeader(value = ConsumerIdentity.LABELS_HEADER, required = false) String labels,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody RolloutBodies.ReportBody body) {
        var caller = tokens.reader(authorization);
        ConsumerIdentity who = identity(consumerId, labels);
        budgets.take(RateBudgets.Purpose.REPORTS);
        String owner = caller.isAnonymous() ? null : caller.principal();
        return new RolloutResponse.Accepted(intake.take(who, owner, body.counts(), body.failures()));
    }

    static ConsumerIdentity identity(String consumerId, String labels) {
        if (consumerId == null || consumerId.isEmpty()) {
            throw ApiProblem.badRequest(ConsumerIdentity.ID_HEADER, "is required: the id of the reporting consumer");
        }
        try {
            return ConsumerIdentity.parse(consumerId, labels);
        } catch (IllegalArgumentException e) {
            String header = e.getMessage().startsWith(ConsumerIdentity.LABELS_HEADER)
                    ? ConsumerIdentity.LABELS_HEADER
                    : ConsumerIdentity.ID_HEADER;
            throw ApiProblem.badRequest(header, e.getMessage());
        }
    }
}
