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
