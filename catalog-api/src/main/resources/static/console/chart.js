// The propagation chart (uPlot, served from the jar as a webjar): one point per revision and node.
import uPlot from '/webjars/uplot/dist/uPlot.esm.js';

const COLORS = ['#2563eb', '#059669', '#d97706', '#db2777', '#7c3aed', '#0891b2', '#65a30d', '#dc2626'];

/** Draws (or redraws into `previous`) the chart of events {revision, node_id, propagation_ms}. */
export function propagationChart(box, events, previous) {
  const revisions = [...new Set(events.map((e) => e.revision))].sort((a, b) => a - b);
  const nodes = [...new Set(events.map((e) => e.node_id))].sort();
  const at = new Map(events.map((e) => [`${e.revision}/${e.node_id}`, e.propagation_ms]));
  const data = [revisions, ...nodes.map((node) => revisions.map((r) => at.get(`${r}/${node}`) ?? null))];
  if (previous && previous.series.length === nodes.length + 1) {
    previous.setData(data);
    return previous;
  }
  if (previous) previous.destroy();
  const options = {
    width: Math.max(box.clientWidth, 280),
    height: 260,
    scales: { x: { time: false } },
    axes: [
      { label: 'revision', stroke: '#475569', grid: { stroke: '#e2e8f0' }, incrs: [1, 2, 5, 10, 20, 50, 100] },
      { label: 'ms', stroke: '#475569', grid: { stroke: '#e2e8f0' } },
    ],
    series: [
      { label: 'revision' },
      ...nodes.map((node, i) => ({
        label: node,
        stroke: COLORS[i % COLORS.length],
        width: 1.5,
        spanGaps: true,
        points: { show: true, size: 6, fill: COLORS[i % COLORS.length] },
        value: (u, v) => (v === null ? '—' : `${v.toFixed(2)} ms`),
      })),
    ],
    legend: { live: true },
  };
  return new uPlot(options, data, box);
}

// the slices each rollout chart was drawn from, for its legend's counts
const slicesOf = new WeakMap();
const rate = (side) => {
  const total = side ? (side.success || 0) + (side.failure || 0) : 0;
  return total ? (100 * side.failure) / total : null;
};
const clock = (seconds) => {
  const d = new Date(seconds * 1000);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
};
const count = (side) => (side ? (side.success || 0) + (side.failure || 0) : 0);

/**
 * Draws (or redraws into `previous`) a rollout's failure rates over time: the cohort's and the
 * control's, one point per reported slice {start, cohort: {success, failure}, control: {…}}; a
 * side with no report in a slice has no point there.
 */
export function failureRateChart(box, slices, previous) {
  const sorted = [...slices].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const data = [
    sorted.map((s) => Date.parse(s.start) / 1000),
    sorted.map((s) => rate(s.cohort)),
    sorted.map((s) => rate(s.control)),
  ];
  const totals = new Map(sorted.map((s) => [Date.parse(s.start) / 1000, s]));
  if (previous) {
    slicesOf.set(previous, totals);
    previous.setData(data);
    return previous;
  }
  const side = (label, color, key) => ({
    label,
    stroke: color,
    width: 2,
    spanGaps: true,
    points: { show: true, size: 6, fill: color },
    value: (u, v, si, i) => {
      if (v === null || v === undefined) return '—';
      const slice = slicesOf.get(u)?.get(u.data[0][i]);
      return `${v.toFixed(1)} % of ${slice ? count(slice[key]) : '?'}`;
    },
  });
  const options = {
    width: Math.max(box.clientWidth, 280),
    height: 240,
    padding: [10, 28, 0, 0], // room for the last time label
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(5, Math.ceil((max || 0) * 1.2))] } },
    axes: [
      { stroke: '#475569', grid: { stroke: '#e2e8f0' }, values: (u, splits) => splits.map(clock) },
      { label: 'failure rate %', stroke: '#475569', grid: { stroke: '#e2e8f0' } },
    ],
    series: [
      { label: 'slice', value: (u, v) => (v === null || v === undefined ? '—' : clock(v)) },
      side('cohort', '#dc2626', 'cohort'),
      side('control', '#2563eb', 'control'),
    ],
    legend: { live: true },
  };
  const chart = new uPlot(options, data, box);
  slicesOf.set(chart, totals);
  return chart;
}
