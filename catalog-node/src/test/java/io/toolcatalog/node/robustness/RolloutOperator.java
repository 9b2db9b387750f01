package io.toolcatalog.node.robustness;

import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.changerequest.Participant;
import io.toolcatalog.core.error.CatalogException;
import io.toolcatalog.core.rollout.AbortRule;
import io.toolcatalog.core.rollout.Rollout;
import io.toolcatalog.core.rollout.RolloutPlan;
import io.toolcatalog.core.rollout.RolloutState;
import io.toolcatalog.core.rollout.RolloutStep;
import io.toolcatalog.core.rollout.Rollouts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves rollouts through a node's {@link Rollouts} every half second or so, drawn from the run's
 * seed: starts one from a change request opened from a small import file (sometimes with a
 * deletion staged too), with random steps, holds, cohort labels and auto-advance; advances, pauses,
 * resumes and aborts them. The nodes' drivers advance the auto-advancing ones meanwhile, so many
 * moves find the rollout moved or ended: a refusal (wrong state, tools busy or moved) is counted,
 * not a violation. Every move and its outcome is kept for the checks.
 */
final class RolloutOperator implements AutoCloseable {

    enum Move {
        START,
        ADVANCE,
        PAUSE,
        RESUME,
        ABORT
    }

    /**
     * One move and what came of it: {@code ok} (the rollout as answered), {@code refused} (the
     * catalog said no) or {@code failed} (the database or the network did).
     */
    record OperatorOutcome(
            Move move,
            Long rollout,
            double atMs,
            String result,
            String detail,
            Long revision,
            String state,
            Integer step) {}

    private static final Participant OPERATOR = new Participant("rollout-operator", true, true);
    private static final double[][] STEPS = {{30, 100}, {20, 60, 100}, {40, 80}, {50}, {10, 50, 90}, {25, 75, 100}};
    private static final List<Map<String, String>> COHORTS = List.of(
            Map.of(), Map.of(), Map.of("region", "eu"), Map.of("stage", "a"), Map.of("region", "us", "stage", "b"));

    private final Rollouts rollouts;
    private final String baseUrl;
    private final String token;
    private final Recorder clock;
    private final Random random;
    private final Workload files;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Long> started = new ArrayList<>();
    private final List<OperatorOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rollout-operator");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopped;

    RolloutOperator(Rollouts rollouts, String baseUrl, String token, Recorder clock, long seed, int toolNames) {
        this.rollouts = rollouts;
        this.baseUrl = baseUrl;
        this.token = token;
        this.clock = clock;
        this.random = new Random(seed);
        this.files = new Workload(new Random(seed + 1), toolNames, -2);
    }

    void start() {
        timer.schedule(this::next, 500, TimeUnit.MILLISECONDS);
    }

    private void next() {
        if (stopped) {
            return;
        }
        try {
            act();
        } catch (RuntimeException e) {
            outcomes.add(new OperatorOutcome(null, null, clock.now(), "failed", e.toString(), null, null, null));
        }
        if (!stopped) {
            timer.schedule(this::next, 300 + random.nextInt(900), TimeUnit.MILLISECONDS);
        }
    }

    private void act() {
        List<Long> active = active();
        Move move = draw();
        if (move == Move.START && active.size() >= 2 || move != Move.START && started.isEmpty()) {
            move = move == Move.START ? Move.ADVANCE : Move.START;
        }
        if (move == Move.START) {
            start(random.nextInt(4) == 0);
            return;
        }
        long id = !active.isEmpty() && random.nextInt(5) > 0
                ? active.get(random.nextInt(active.size()))
                : started.get(random.nextInt(started.size()));
        Move chosen = move;
        attempt(chosen, id, () -> switch (chosen) {
            case ADVANCE -> rollouts.advance(id, OPERATOR);
            case PAUSE -> rollouts.pause(id, OPERATOR);
            case RESUME -> rollouts.resume(id, OPERATOR);
            case ABORT -> rollouts.abort(id, OPERATOR.name(), "checker abort");
            case START -> throw new IllegalStateException("not a move of a started rollout");
        });
    }

    private Move draw() {
        int pick = random.nextInt(12);
        return pick < 3
                ? Move.START
                : pick < 6 ? Move.ADVANCE : pick < 8 ? Move.PAUSE : pick < 10 ? Move.RESUME : Move.ABORT;
    }

    private void start(boolean withDeletion) {
        Long request = ChangeRequestDrafts.open(http, baseUrl, files.rolloutFile(), token);
        if (request == null) {
            outcomes.add(
                    new OperatorOutcome(Move.START, null, clock.now(), "refused", "no draft opened", null, null, null));
            return;
        }
        if (withDeletion) {
            stageDeletion(request, "t" + random.nextInt(12));
        }
        double[] percents = STEPS[random.nextInt(STEPS.length)];
        List<RolloutStep> steps = new ArrayList<>();
        for (double percent : percents) {
            steps.add(new RolloutStep(percent, Duration.ofMillis(500L * random.nextInt(6))));
        }
        RolloutPlan plan = new RolloutPlan(
                steps, COHORTS.get(random.nextInt(COHORTS.size())), AbortRule.DEFAULT, random.nextInt(10) < 6);
        Rollout rollout = attempt(Move.START, null, () -> rollouts.start(request, plan, OPERATOR));
        if (rollout != null) {
            synchronized (started) {
                started.add(rollout.id());
            }
        }
    }

    /** Stages the deletion of {@code name} too; a refusal (no such tool, already staged) leaves the draft as it was. */
    private void stageDeletion(long request, String name) {
        HttpRequest put = HttpRequest.newBuilder(
                        URI.create(baseUrl + "/api/v1/change-requests/" + request + "/items/" + name))
                .timeout(RecordedRequest.TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"action\": \"delete\"}"))
                .build();
        try {
            http.send(put, HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            // the draft keeps its upserts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Rollout attempt(Move move, Long id, java.util.function.Supplier<Rollout> action) {
        double at = clock.now();
        try {
            Rollout rollout = action.get();
            outcomes.add(new OperatorOutcome(
                    move,
                    rollout.id(),
                    at,
                    "ok",
                    null,
                    rollout.revision(),
                    rollout.state().value(),
                    rollout.step()));
            return rollout;
        } catch (CatalogException e) {
            outcomes.add(new OperatorOutcome(move, id, at, "refused", e.getMessage(), null, null, null));
        } catch (RuntimeException e) {
            outcomes.add(new OperatorOutcome(move, id, at, "failed", e.toString(), null, null, null));
        }
        return null;
    }

    private List<Long> active() {
        try {
            List<Long> ids = new ArrayList<>();
            for (Rollout r : rollouts.list(null, 20)) {
                if (r.state() == RolloutState.RUNNING || r.state() == RolloutState.PAUSED) {
                    ids.add(r.id());
                }
            }
            return ids;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Pauses every running rollout (after the moves stopped and the faults healed), so no driver
     * moves one while the history is read: the paused ones stay active, their cohorts keep their
     * views to the end. Tries again while a pause is refused because a driver moved it meanwhile.
     */
    void settle() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    boolean running = false;
                    for (Rollout r : rollouts.list(RolloutState.RUNNING, 100)) {
                        running = true;
                        attempt(Move.PAUSE, r.id(), () -> rollouts.pause(r.id(), OPERATOR));
                    }
                    return !running;
                });
    }

    List<OperatorOutcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    /** Moves by kind and result, e.g. {@code START ok=12 refused=3}. */
    List<String> summary() {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (OperatorOutcome o : outcomes()) {
            counts.computeIfAbsent(String.valueOf(o.move()), m -> new TreeMap<>())
                    .merge(o.result(), 1, Integer::sum);
        }
        List<String> lines = new ArrayList<>();
        counts.forEach((move, results) -> lines.add(move + " " + results));
        return lines;
    }

    @Override
    public void close() {
        stopped = true;
        timer.shutdownNow();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
