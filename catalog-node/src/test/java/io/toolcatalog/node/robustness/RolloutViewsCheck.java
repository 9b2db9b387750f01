package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.node.robustness.ChangeLogTap.LoggedChange;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import io.toolcatalog.node.robustness.RolloutHistory.ExpectedView;
import io.toolcatalog.node.robustness.RolloutHistory.StateRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rollouts of a run against the database's own record of them: every view a node would have
 * answered a consumer with is the view the database prescribes at that revision (tools, view name,
 * rollouts); a consumer in a rollout's cohort stays in it at every later revision while the rollout
 * is active (sticky and monotone, both in what the node served and in the prescription itself);
 * each rollout's history moves forward a step at a time and ends once; each of its revisions is a
 * change-log entry naming exactly its tools; every move a node acknowledged is in that history.
 */
final class RolloutViewsCheck {

    static final String VIEWS = "each consumer's view is the function of the database at its revision";
    static final String STICKY = "a consumer in a rollout's cohort stays in it while the rollout is active";
    static final String STEPS = "a rollout's history moves one step at a time and ends once";
    static final String CHANGE_LOG = "each rollout revision is a change-log entry naming its tools";
    static final String ACKNOWLEDGED = "acknowledged rollout moves are in rollout_states";

    private RolloutViewsCheck() {}

    static List<Violation> check(
            List<ViewSampler.Sample> samples,
            List<RolloutOperator.OperatorOutcome> moves,
            DatabaseHistory history,
            RolloutHistory rollouts) {
        List<Violation> violations = new ArrayList<>();
        views(samples, history, rollouts, violations);
        stickyServed(samples, rollouts, violations);
        stickyPrescribed(rollouts, violations);
        steps(rollouts, violations);
        changeLog(history, rollouts, violations);
        acknowledged(moves, rollouts, violations);
        return violations;
    }

    private static void views(
            List<ViewSampler.Sample> samples,
            DatabaseHistory history,
            RolloutHistory rollouts,
            List<Violation> violations) {
        Map<Long, TreeMap<String, List<VersionRow>>> tools = new HashMap<>();
        for (ViewSampler.Sample sample : samples) {
            ConsumerIdentity consumer = ViewSampler.CONSUMERS.get(sample.consumer());
            if (sample.revision() > history.revision()) {
                violations.add(Violation.at(
                        VIEWS, sample.atMs(), "revision " + sample.revision() + " is past the database's"));
                continue;
            }
            ExpectedView expected = rollouts.viewAt(
                    sample.revision(),
                    consumer.id(),
                    consumer.labels(),
                    tools.computeIfAbsent(sample.revision(), history::choicesAt));
            String problem = problem(sample, expected);
            if (problem != null) {
                violations.add(Violation.at(
                        VIEWS,
                        sample.atMs(),
                        describe(consumer) + " at revision " + sample.revision() + ": " + problem));
            }
        }
    }

    /** Null when the sampled view is the expected one, else what differs. */
    static String problem(ViewSampler.Sample sample, ExpectedView expected) {
        if (!expected.name().equals(sample.view()) || !expected.rollouts().equals(sample.rollouts())) {
            return "view " + sample.view() + " " + sample.rollouts() + ", expected " + expected.name() + " "
                    + expected.rollouts();
        }
        Map<String, JsonNode> shown = sample.tools();
        List<String> wrong = CatalogComparison.problems(shown, expected.tools(), ToolDocuments::normalize);
        return wrong.isEmpty() ? null : "in view " + expected.name() + ": " + String.join("; ", wrong);
    }

    private static void stickyServed(
            List<ViewSampler.Sample> samples, RolloutHistory rollouts, List<Violation> violations) {
        // per consumer and rollout: the revision it was first served the rollout at
        Map<Integer, Map<Long, Long>> entered = new HashMap<>();
        for (ViewSampler.Sample sample : samples) {
            Map<Long, Long> in = entered.computeIfAbsent(sample.consumer(), c -> new HashMap<>());
            sample.rollouts().forEach(id -> in.merge(id, sample.revision(), Long::min));
            for (Map.Entry<Long, Long> e : in.entrySet()) {
                StateRow state = rollouts.stateAt(e.getKey(), sample.revision());
                if (sample.revision() > e.getValue()
                        && state != null
                        && state.active()
                        && !sample.rollouts().contains(e.getKey())) {
                    violations.add(Violation.at(
                            STICKY,
                            sample.atMs(),
                            describe(ViewSampler.CONSUMERS.get(sample.consumer())) + " was in rollout " + e.getKey()
                                    + " at revision " + e.getValue() + ", served without it at revision "
                                    + sample.revision() + " while it is " + state.state() + " at "
                                    + state.percent() + " %"));
                }
            }
        }
    }

    private static void stickyPrescribed(RolloutHistory rollouts, List<Violation> violations) {
        rollouts.states().forEach((id, rows) -> {
            RolloutHistory.RolloutRow rollout = rollouts.rollouts().get(id);
            for (ConsumerIdentity consumer : ViewSampler.CONSUMERS) {
                Long inSince = null;
                for (StateRow row : rows.values()) {
                    if (!row.active()) {
                        break;
                    }
                    boolean in = RolloutHistory.inCohort(
                            id, rollout.cohortLabels(), row.percent(), consumer.id(), consumer.labels());
                    if (in && inSince == null) {
                        inSince = row.revision();
                    } else if (!in && inSince != null) {
                        violations.add(new Violation(
                                STICKY,
                                null,
                                describe(consumer) + " is in rollout " + id + "'s cohort from revision " + inSince
                                        + " but not at revision " + row.revision() + " (" + row.percent() + " %)"));
                    }
                }
            }
        });
    }

    private static void steps(RolloutHistory rollouts, List<Violation> violations) {
        rollouts.states().forEach((id, rows) -> {
            StateRow previous = null;
            for (StateRow row : rows.values()) {
                String problem = null;
                if (previous == null && !(row.state().equals("running") && row.step() == 0)) {
                    problem = "starts " + row.state() + " at step " + row.step();
                } else if (previous != null && !previous.active()) {
                    problem = "moves again (" + row.state() + ") after it was " + previous.state();
                } else if (previous != null && (row.step() < previous.step() || row.step() > previous.step() + 1)) {
                    problem = "goes from step " + previous.step() + " to step " + row.step();
                } else if (previous != null && row.percent() < previous.percent()) {
                    problem = "goes from " + previous.percent() + " % down to " + row.percent() + " %";
                }
                if (problem != null) {
                    violations.add(new Violation(
                            STEPS, null, "rollout " + id + " at revision " + row.revision() + " " + problem));
                }
                previous = row;
            }
        });
    }

    private static void changeLog(DatabaseHistory history, RolloutHistory rollouts, List<Violation> violations) {
        Map<Long, Long> rolloutOf = new HashMap<>();
        rollouts.states().forEach((id, rows) -> rows.keySet().forEach(revision -> {
            Long clash = rolloutOf.put(revision, id);
            if (clash != null) {
                violations.add(new Violation(
                        CHANGE_LOG, null, "revision " + revision + " moved rollouts " + clash + " and " + id));
            }
        }));
        rolloutOf.forEach((revision, id) -> {
            Set<String> tools =
                    new TreeSet<>(rollouts.rollouts().get(id).candidates().keySet());
            LoggedChange change = history.change(revision).orElse(null);
            if (change == null || !change.operation().startsWith("rollout_")) {
                violations.add(new Violation(
                        CHANGE_LOG,
                        null,
                        "rollout " + id + " moved at revision " + revision + ", whose change-log entry is "
                                + (change == null ? "missing" : change.operation())));
            } else if (!new TreeSet<>(change.names()).equals(tools)) {
                violations.add(new Violation(
                        CHANGE_LOG,
                        null,
                        "revision " + revision + " (" + change.operation() + " of rollout " + id + ") names "
                                + change.names() + ", the rollout holds " + tools));
            }
        });
        NavigableMap<Long, LoggedChange> changes = history.changes();
        changes.forEach((revision, change) -> {
            if (change.operation().startsWith("rollout_") && !rolloutOf.containsKey(revision)) {
                violations.add(new Violation(
                        CHANGE_LOG,
                        null,
                        "revision " + revision + " is a " + change.operation()
                                + " but no rollout_states row is at it"));
            }
        });
    }

    private static void acknowledged(
            List<RolloutOperator.OperatorOutcome> moves, RolloutHistory rollouts, List<Violation> violations) {
        for (RolloutOperator.OperatorOutcome move : moves) {
            if (!move.result().equals("ok")) {
                continue;
            }
            StateRow row = rollouts.stateAt(move.rollout(), move.revision());
            if (row == null
                    || row.revision() != move.revision()
                    || !row.state().equals(move.state())
                    || row.step() != move.step()) {
                violations.add(Violation.at(
                        ACKNOWLEDGED,
                        move.atMs(),
                        move.move() + " of rollout " + move.rollout() + " answered " + move.state() + " at step "
                                + move.step() + ", revision " + move.revision() + "; rollout_states has " + row));
            }
        }
    }

    /** The rollouts each consumer was served, for the report: consumer → rollouts seen. */
    static List<String> summary(List<ViewSampler.Sample> samples) {
        Map<String, Set<Long>> seen = new TreeMap<>();
        Set<Long> revisions = new HashSet<>();
        for (ViewSampler.Sample sample : samples) {
            revisions.add(sample.revision());
            seen.computeIfAbsent(describe(ViewSampler.CONSUMERS.get(sample.consumer())), c -> new TreeSet<>())
                    .addAll(sample.rollouts());
        }
        List<String> lines = new ArrayList<>();
        lines.add(samples.size() + " views sampled at " + revisions.size() + " revisions");
        seen.forEach((consumer, ids) -> lines.add(consumer + " served rollouts " + ids));
        return lines;
    }

    static String describe(ConsumerIdentity consumer) {
        return consumer.anonymous() ? "anonymous" : consumer.id() + consumer.labels();
    }
}
