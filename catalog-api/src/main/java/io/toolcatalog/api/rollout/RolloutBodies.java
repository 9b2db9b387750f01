package io.toolcatalog.api.rollout;

import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.core.rollout.AbortRule;
import io.toolcatalog.core.rollout.OutcomeReports;
import io.toolcatalog.core.rollout.RolloutPlan;
import io.toolcatalog.core.rollout.RolloutStep;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request bodies of the rollout endpoints and of outcome reports, and how they become the
 * core's values: every field that is missing, out of bounds or of the wrong shape is a 400 naming it.
 */
final class RolloutBodies {

    static final int MAX_REASON = 500;
    static final int MAX_REPORTED_TOOLS = 200;
    static final long MAX_COUNT = 1_000_000;
    static final int MAX_APPLY_FAILURES = 20;
    static final int MAX_ERROR = 500;
    static final int MAX_TOOL_NAME = 128;

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private RolloutBodies() {}

    /** {@code POST /change-requests/{id}/rollout}. */
    record StartBody(List<PlannedStep> steps, Cohort cohort, AbortWhen abortWhen, Boolean autoAdvance) {

        RolloutPlan plan() {
            if (steps == null) {
                throw ApiProblem.badRequest("steps", "is required: at least one step");
            }
            List<RolloutStep> planned = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                PlannedStep step = steps.get(i);
                String field = "steps[" + i + "]";
                if (step == null) {
                    throw ApiProblem.badRequest(field, "is required to be an object with a percent");
                }
                if (step.percent() == null) {
                    throw ApiProblem.badRequest(field + ".percent", "is required");
                }
                Duration hold = step.hold() == null ? Duration.ZERO : duration(step.hold(), field + ".hold");
                planned.add(new RolloutStep(step.percent(), hold));
            }
            Map<String, String> labels = cohort == null || cohort.labels() == null ? Map.of() : cohort.labels();
            for (Map.Entry<String, String> label : labels.entrySet()) {
                if (label.getValue() == null) {
                    throw ApiProblem.badRequest("cohort.labels." + label.getKey(), "must be a string");
                }
            }
            AbortRule rule = AbortRule.DEFAULT;
            if (abortWhen != null) {
                rule = new AbortRule(
                        abortWhen.failureRateMargin() == null
                                ? rule.failureRateMargin()
                                : abortWhen.failureRateMargin(),
                        abortWhen.minReports() == null ? rule.minReports() : abortWhen.minReports(),
                        abortWhen.window() == null ? rule.window() : duration(abortWhen.window(), "abort_when.window"));
            }
            return new RolloutPlan(planned, labels, rule, autoAdvance != null && autoAdvance);
        }
    }

    record PlannedStep(Double percent, String hold) {}

    record Cohort(Map<String, String> labels) {}

    record AbortWhen(Double failureRateMargin, Integer minReports, String window) {}

    /** {@code POST /rollouts/{id}/abort}: an optional reason. */
    record Abort(String reason) {

        static String reasonOf(Abort body) {
            String reason = body == null ? null : body.reason();
            if (reason != null && reason.length() > MAX_REASON) {
                throw ApiProblem.badRequest("reason", "is longer than " + MAX_REASON + " characters");
            }
            return reason;
        }
    }

    /** {@code POST /consumers/reports}. */
    record ReportBody(Map<String, CountsBody> tools, List<Failure> applyFailures) {

        Map<String, OutcomeReports.Counts> counts() {
            Map<String, CountsBody> given = tools == null ? Map.of() : tools;
            if (given.size() > MAX_REPORTED_TOOLS) {
                throw ApiProblem.badRequest("tools", "names more than " + MAX_REPORTED_TOOLS + " tools");
            }
            Map<String, OutcomeReports.Counts> counts = new LinkedHashMap<>();
            given.forEach((name, c) -> {
                String field = "tools." + name;
                if (name.isEmpty() || name.length() > MAX_TOOL_NAME) {
                    throw ApiProblem.badRequest("tools", "a tool name must be 1 to " + MAX_TOOL_NAME + " characters");
                }
                if (c == null) {
                    throw ApiProblem.badRequest(field, "must be an object {success, failure}");
                }
                counts.put(
                        name,
                        new OutcomeReports.Counts(
                                count(c.success(), field + ".success"), count(c.failure(), field + ".failure")));
            });
            return counts;
        }

        List<OutcomeReports.ApplyFailure> failures() {
            List<Failure> given = applyFailures == null ? List.of() : applyFailures;
            if (given.size() > MAX_APPLY_FAILURES) {
                throw ApiProblem.badRequest("apply_failures", "holds more than " + MAX_APPLY_FAILURES + " entries");
            }
            List<OutcomeReports.ApplyFailure> failures = new ArrayList<>();
            for (int i = 0; i < given.size(); i++) {
                Failure f = given.get(i);
                String field = "apply_failures[" + i + "]";
                if (f == null) {
                    throw ApiProblem.badRequest(field, "must be an object {revision, tool, error}");
                }
                if (f.revision() == null || f.revision() < 0) {
                    throw ApiProblem.badRequest(field + ".revision", "is required: the revision that failed to apply");
                }
                if (f.tool() != null && (f.tool().isEmpty() || f.tool().length() > MAX_TOOL_NAME)) {
                    throw ApiProblem.badRequest(field + ".tool", "must be 1 to " + MAX_TOOL_NAME + " characters");
                }
                if (f.error() == null || f.error().isBlank()) {
                    throw ApiProblem.badRequest(field + ".error", "is required: what went wrong");
                }
                if (f.error().length() > MAX_ERROR) {
                    throw ApiProblem.badRequest(field + ".error", "is longer than " + MAX_ERROR + " characters");
                }
                failures.add(new OutcomeReports.ApplyFailure(f.revision(), f.tool(), f.error()));
            }
            return failures;
        }

        private static long count(Long value, String field) {
            if (value == null) {
                return 0;
            }
            if (value < 0 || value > MAX_COUNT) {
                throw ApiProblem.badRequest(field, "must be between 0 and " + MAX_COUNT);
            }
            return value;
        }
    }

    record CountsBody(Long success, Long failure) {}

    record Failure(Long revision, String tool, String error) {}

    /** {@code 30s}, {@code 10m}, {@code 1h}, {@code 2d}, {@code 500ms}, or ISO-8601 ({@code PT10M}). */
    static Duration duration(String text, String field) {
        Matcher m = SHORT_DURATION.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(
                    field, "'" + text + "' is not a duration (30s, 10m, 1h or ISO-8601 like PT10M)");
        }
    }
}
