package io.toolcatalog.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The latency distributions as percentile curves (x: percentile on a "nines" scale, y: ms, log),
 * the usual way to show a tail: each series is one HdrHistogram.
 */
public final class ConvergenceChart {

    private ConvergenceChart() {}

    public static void write(Map<String, Histogram> micros, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, Histogram> e : micros.entrySet()) {
            if (e.getValue().getTotalCount() == 0) {
                continue;
            }
            XYSeries series = new XYSeries(e.getKey() + " (n=" + e.getValue().getTotalCount() + ")");
            for (HistogramIterationValue v : e.getValue().percentiles(5)) {
                double p = v.getPercentileLevelIteratedTo();
                if (p >= 100.0) {
                    break;
                }
                // 1 / (1 - p): 10 = p90, 100 = p99, 1000 = p99.9
                series.add(1 / (1 - p / 100.0), Math.max(0.001, v.getValueIteratedTo() / 1000.0));
            }
            series.add(1 / (1 - 0.99999), Math.max(0.001, e.getValue().getMaxValue() / 1000.0));
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                "Convergence: commit → last node applied (and baselines)",
                "percentile (1/(1-p): 10 = p90, 100 = p99, 1000 = p99.9)",
                "latency (ms)",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        XYPlot plot = chart.getXYPlot();
        LogarithmicAxis x = new LogarithmicAxis("percentile (1/(1-p): 2 = p50, 100 = p99, 1000 = p99.9)");
        x.setAllowNegativesFlag(false);
        plot.setDomainAxis(x);
        LogarithmicAxis y = new LogarithmicAxis("latency (ms, log)");
        y.setAllowNegativesFlag(false);
        plot.setRangeAxis(y);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 600);
    }
}
