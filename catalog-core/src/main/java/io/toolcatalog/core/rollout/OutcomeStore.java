package io.toolcatalog.core.rollout;

import static io.toolcatalog.core.rollout.RolloutStore.instant;
import static io.toolcatalog.core.rollout.RolloutStore.timestamp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** The outcomes consumers reported on each rollout, summed per slice of time and side (cohort or control). */
final class OutcomeStore {

    private final JdbcTemplate jdbc;

    OutcomeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds outcomes to the slice starting at {@code slice}. */
    void add(long id, Instant slice, boolean cohort, long success, long failure) {
        jdbc.update(
                """
                INSERT INTO rollout_outcomes (rollout_id, slice_start, cohort, success, failure) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (rollout_id, slice_start, cohort)
                DO UPDATE SET success = rollout_outcomes.success + excluded.success,
                              failure = rollout_outcomes.failure + excluded.failure
                """,
                id,
                timestamp(slice),
                cohort,
                success,
                failure);
    }

    /** Each side's outcomes in the slices since {@code since}. */
    Outcomes since(long id, Instant since, Duration window) {
        long[] sums = new long[4];
        jdbc.query(
                "SELECT cohort, sum(success) AS s, sum(failure) AS f FROM rollout_outcomes"
                        + " WHERE rollout_id = ? AND slice_start >= ? GROUP BY cohort",
                rs -> {
                    int side = rs.getBoolean("cohort") ? 0 : 2;
                    sums[side] = rs.getLong("s");
                    sums[side + 1] = rs.getLong("f");
                },
                id,
                timestamp(since));
        return new Outcomes(window, new Outcomes.Side(sums[0], sums[1]), new Outcomes.Side(sums[2], sums[3]));
    }

    /** The last {@code limit} slices with outcomes, each side's, oldest first: the console's chart. */
    List<OutcomeSlice> slices(long id, int limit) {
        Map<Instant, long[]> bySlice = new LinkedHashMap<>();
        jdbc.query(
                "SELECT slice_start, cohort, success, failure FROM rollout_outcomes WHERE rollout_id = ?"
                        + " ORDER BY slice_start DESC LIMIT ?",
                rs -> {
                    long[] sums = bySlice.computeIfAbsent(instant(rs, "slice_start"), s -> new long[4]);
                    int side = rs.getBoolean("cohort") ? 0 : 2;
                    sums[side] = rs.getLong("success");
                    sums[side + 1] = rs.getLong("failure");
                },
                id,
                limit * 2);
        List<OutcomeSlice> slices = new ArrayList<>();
        bySlice.forEach((at, s) ->
                slices.add(new OutcomeSlice(at, new Outcomes.Side(s[0], s[1]), new Outcomes.Side(s[2], s[3]))));
        slices.sort(Comparator.comparing(OutcomeSlice::start));
        return slices.size() > limit ? slices.subList(slices.size() - limit, slices.size()) : slices;
    }
}
