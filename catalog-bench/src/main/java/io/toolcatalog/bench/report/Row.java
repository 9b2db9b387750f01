package io.toolcatalog.bench.report;

/**
 * One line of the report: a figure, the baseline measured in the same run (null when the issue
 * names none), the target and whether it was met (null when there is nothing to judge).
 */
public record Row(
        String benchmark,
        String measure,
        double value,
        String unit,
        Double baseline,
        String baselineName,
        String target,
        Boolean met,
        String note) {

    public static Row of(String benchmark, String measure, double value, String unit) {
        return new Row(benchmark, measure, value, unit, null, null, "", null, "");
    }

    public Row against(String name, double baselineValue) {
        return new Row(benchmark, measure, value, unit, baselineValue, name, target, met, note);
    }

    public Row target(String text, boolean isMet) {
        return new Row(benchmark, measure, value, unit, baseline, baselineName, text, isMet, note);
    }

    public Row note(String text) {
        return new Row(benchmark, measure, value, unit, baseline, baselineName, target, met, text);
    }

    /** value / baseline, or NaN without a baseline. */
    public double ratio() {
        return baseline == null || baseline == 0 ? Double.NaN : value / baseline;
    }
}
