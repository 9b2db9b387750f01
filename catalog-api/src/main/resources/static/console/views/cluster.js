// The cluster: every node (status, applied revision, lag, digest), the consumers, and how long each
// recent revision took to reach every node.
import { h, replace, notice, formatTime, badge } from '../dom.js';
import * as api from '../api.js';
import * as live from '../live.js';
import { propagationChart } from '../chart.js';

const NODES_MS = 250;

export function render(root) {
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const summary = h('span', { class: 'muted' });
  const nodeBody = h('tbody');
  const consumers = h('div');
  const chartBox = h('div', { class: 'chart', role: 'img', 'aria-label': 'Propagation of recent revisions to every node' });
  const chartNote = h('p', { class: 'muted' });
  let chart = null;

  replace(root, h('section', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Cluster'), summary),
    messages,
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid nodes' },
      h('thead', {}, h('tr', {}, ['Node', 'Status', 'Applied revision', 'Lag', 'Digest', 'Address', 'Started', 'Last heartbeat']
        .map((t) => h('th', { scope: 'col' }, t)))),
      nodeBody)),
    h('div', { class: 'card' },
      h('h2', {}, 'Propagation: commit → applied, per node'),
      chartNote, chartBox),
    h('h2', {}, 'Consumers'),
    consumers));

  async function loadNodes() {
    try {
      const { data } = await api.get('/cluster/nodes');
      const atRest = data.nodes.filter((n) => n.status === 'up' && n.lag === 0);
      const counts = new Map();
      for (const n of atRest) counts.set(n.digest, (counts.get(n.digest) || 0) + 1);
      const usual = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
      const odd = (n) => n.status === 'up' && n.lag === 0 && counts.size > 1 && n.digest !== usual;
      const behind = data.nodes.filter((n) => n.lag > 0).length;
      summary.textContent = `catalog revision ${data.revision} · ${data.nodes.length} node${data.nodes.length === 1 ? '' : 's'}` +
        (behind ? ` · ${behind} behind` : ' · all current');
      replace(messages, data.nodes.some(odd)
        ? notice('error', 'A node at the catalog\'s revision holds different content from the others (its digest differs). Reload it from the Reload page.')
        : null);
      replace(nodeBody, data.nodes.map((n) => h('tr', {
        class: odd(n) ? 'flagged' : null,
        dataset: { testid: 'node-row', nodeId: n.node_id, revision: n.applied_revision, status: n.status, digestDiffers: odd(n) },
      },
      h('th', { scope: 'row', class: 'mono' }, n.node_id),
      h('td', {}, badge(n.status === 'up' ? 'ok' : 'bad', n.status)),
      h('td', { class: 'num' }, String(n.applied_revision)),
      h('td', { class: 'num' }, n.lag > 0 ? badge('warn', `${n.lag} behind`) : '0'),
      h('td', { class: 'mono' }, (n.digest || '').slice(0, 12), odd(n) ? [' ', badge('bad', 'differs')] : null),
      h('td', { class: 'mono small-text' }, n.address || ''),
      h('td', { class: 'small-text' }, formatTime(n.started_at)),
      h('td', { class: 'small-text' }, formatTime(n.last_seen)))));
    } catch (e) {
      replace(messages, notice('error', e.message));
    }
  }

  async function loadConsumers() {
    try {
      const { data } = await api.get('/cluster/consumers');
      const list = data.consumers || [];
      replace(consumers, list.length === 0 ? h('p', { class: 'muted' }, 'No consumer is watching the catalog.') :
        h('div', { class: 'table-wrap' }, h('table', { class: 'grid' },
          h('thead', {}, h('tr', {}, ['Consumer', 'Node', 'Delivered revision', 'Lag', 'Connected since', 'Last seen'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, list.map((c) => h('tr', { dataset: { testid: 'consumer-row' } },
            h('th', { scope: 'row', class: 'mono' }, c.consumer_id ?? c.id ?? ''),
            h('td', { class: 'mono' }, c.node_id ?? ''),
            h('td', { class: 'num' }, String(c.delivered_revision ?? '')),
            h('td', { class: 'num' }, String(c.lag ?? '')),
            h('td', { class: 'small-text' }, formatTime(c.connected_since)),
            h('td', { class: 'small-text' }, formatTime(c.last_seen))))))));
    } catch (e) {
      replace(consumers, e.status === 404
        ? h('p', { class: 'muted' }, 'This node does not report consumers.')
        : notice('error', e.message));
    }
  }

  async function loadChart() {
    try {
      const { data } = await api.get('/tools/reload/history', { limit: 100 });
      const events = data.history.filter((e) => e.propagation_ms !== null && e.propagation_ms !== undefined && e.success);
      if (!events.length) {
        chartNote.textContent = 'No change has propagated yet: make one and watch it reach every node.';
        return;
      }
      const slowest = events.reduce((a, b) => (b.propagation_ms > a.propagation_ms ? b : a));
      const revisions = new Set(events.map((e) => e.revision));
      chartNote.textContent = `${revisions.size} recent revision${revisions.size === 1 ? '' : 's'}; slowest arrival ` +
        `${slowest.propagation_ms.toFixed(1)} ms (revision ${slowest.revision} on ${slowest.node_id}).`;
      chart = propagationChart(chartBox, events, chart);
    } catch (e) {
      chartNote.textContent = `The history could not be read: ${e.message}`;
    }
  }

  const loadAll = () => { loadNodes(); loadConsumers(); loadChart(); };
  loadAll();
  const unsubscribe = live.subscribe(loadAll);
  // Other nodes' applied revisions arrive with their heartbeats, not with this node's events: read
  // the node list often while the page is open, so each node's revision shows as soon as it is known.
  let reading = false;
  const followNodes = setInterval(async () => {
    if (reading || document.hidden) return;
    reading = true;
    try { await loadNodes(); } finally { reading = false; }
  }, NODES_MS);
  const resize = () => chart && chart.setSize({ width: chartBox.clientWidth, height: chart.height });
  window.addEventListener('resize', resize);
  return () => { clearInterval(followNodes); unsubscribe(); window.removeEventListener('resize', resize); if (chart) chart.destroy(); };
}
