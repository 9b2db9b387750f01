// Gradual rollouts: the list, and one rollout's page — its steps and where it stands, the consumers
// of the cluster on either side, the failure rates of its cohort and of the others over time, its
// abort rule, its history, and pause / resume / advance / abort. The server decides who may.
import { h, replace, notice, formatTime, formatDuration, badge, promptDialog, confirmDialog } from '../dom.js';
import * as api from '../api.js';
import * as live from '../live.js';
import * as session from '../session.js';
import { failureRateChart } from '../chart.js';

const STATES = ['running', 'paused', 'completed', 'aborted'];
const KINDS = { running: 'info', paused: 'warn', completed: 'ok', aborted: 'bad' };
const active = (rollout) => rollout.state === 'running' || rollout.state === 'paused';
const percent = (p) => `${Number(p).toLocaleString('en', { maximumFractionDigits: 2 })} %`;
const points = (fraction) => `${(Number(fraction) * 100).toLocaleString('en', { maximumFractionDigits: 2 })} points`;
const labels = (map) => Object.entries(map || {}).map(([k, v]) => h('span', { class: 'tag mono' }, `${k}=${v}`));

export function render(root, { id }) {
  return id ? renderOne(root, id) : renderList(root);
}

function renderList(root) {
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const body = h('tbody');
  const state = h('select', { name: 'state', id: 'rollout-state-filter', onchange: () => load() },
    h('option', { value: '' }, 'Any'), STATES.map((s) => h('option', { value: s }, s)));
  replace(root, h('section', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Rollouts'),
      h('span', { class: 'muted' }, 'A change request reaches a cohort of consumers first; start one from its page.')),
    h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'rollout-state-filter' }, 'State'), state)),
    messages,
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['#', 'State', 'Change request', 'Tools', 'Percent', 'Started by', 'Updated']
        .map((t) => h('th', { scope: 'col', class: t === '#' || t === 'Percent' ? 'num' : null }, t)))),
      body))));

  async function load() {
    try {
      const { data } = await api.get('/rollouts', { state: state.value, limit: 100 });
      replace(messages);
      const rows = data.rollouts || [];
      replace(body, rows.length ? rows.map((r) => h('tr', { dataset: { testid: 'rollout-row', id: r.id, state: r.state } },
        h('td', { class: 'num' }, h('a', { href: `#/rollouts/${r.id}` }, String(r.id))),
        h('td', {}, badge(KINDS[r.state] || 'muted', r.state)),
        h('td', {}, h('a', { href: `#/changes/${r.change_request_id}` }, `#${r.change_request_id}`)),
        h('td', {}, r.tools.map((t) => h('span', { class: 'tag mono' }, t))),
        h('td', { class: 'num' }, percent(r.percent), h('span', { class: 'muted' }, ` · step ${r.step + 1} of ${r.steps.length}`)),
        h('td', {}, r.started_by),
        h('td', { class: 'small-text' }, formatTime(r.updated_at || r.step_started_at))))
        : h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'No rollouts.')));
    } catch (e) {
      replace(messages, notice('error', e.status === 401 ? 'Sign in to read rollouts.' : e.message));
    }
  }
  load();
  return live.subscribe((event) => { if (event.type === 'change') load(); });
}


function renderOne(root, id) {
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const head = h('div', { class: 'page-head' });
  const ended = h('div', { class: 'messages' });
  const actions = h('div', { class: 'filters rollout-actions' });
  const summary = h('dl', { class: 'facts', dataset: { testid: 'rollout-facts' } });
  const steps = h('ol', { class: 'steps', dataset: { testid: 'rollout-steps' } });
  const rule = h('p', { dataset: { testid: 'rollout-rule' } });
  const now = h('p', { dataset: { testid: 'rollout-outcomes' } });
  const chartBox = h('div', { class: 'chart small', role: 'img', 'aria-label': 'Failure rates of the cohort and of the control over time' });
  const chartNote = h('p', { class: 'muted', dataset: { testid: 'rollout-chart-note' } });
  const consumers = h('div', { dataset: { testid: 'rollout-consumers' } });
  const history = h('tbody');
  let chart = null;
  let shown = null; // the revision of the rollout on screen
  let busy = false;
  let shownRollout = null;
  let shownText = null;

  replace(root, h('section', { class: 'page' }, head, ended, messages, actions,
    h('div', { class: 'rollout-top' },
      h('div', { class: 'card' }, h('h2', {}, 'Where it stands'), summary, steps),
      h('div', { class: 'card' }, h('h2', {}, 'Abort rule'), rule, now)),
    h('div', { class: 'card' }, h('h2', {}, 'Failure rate: cohort and control'), chartNote, chartBox),
    h('div', { class: 'card' }, h('h2', {}, 'Consumers'), consumers),
    h('h2', {}, 'History'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['Revision', 'When', 'By', 'State', 'Step', 'Percent', 'Reason']
        .map((t) => h('th', { scope: 'col', class: ['Revision', 'Step', 'Percent'].includes(t) ? 'num' : null }, t)))),
      history))));

  async function move(action) {
    let body = {};
    if (action === 'abort') {
      const reason = await promptDialog(`Abort rollout #${id}?`,
        'Every consumer goes back to the stable versions at once, and the change request fails with this reason.',
        'Reason', { confirmLabel: 'Abort rollout' });
      if (reason === null) return;
      body = { reason: reason || null };
    } else if (action === 'advance' && completes(shownRollout)) {
      if (!await confirmDialog(`Complete rollout #${id}?`,
        'Advancing now publishes the change request: every consumer gets its versions.', 'Complete', false)) return;
    }
    try {
      const reply = await api.post(`/rollouts/${id}/${action}`, null, body);
      live.seen(reply.revision);
      shownText = null;
      show(reply.data);
      replace(messages, notice('success', `Rollout #${id}: ${action} done (revision ${reply.data.revision}).`));
    } catch (e) {
      replace(messages, notice('error', e.message));
      load();
    }
  }

  function show(r) {
    shownRollout = r;
    shown = r.revision;
    replace(head, h('h1', {}, `Rollout #${r.id}`), ' ',
      h('span', { dataset: { testid: 'rollout-state', state: r.state } }, badge(KINDS[r.state] || 'muted', r.state)),
      h('span', { class: 'muted' }, 'of change request ',
        h('a', { href: `#/changes/${r.change_request_id}`, dataset: { testid: 'rollout-cr' } }, `#${r.change_request_id}`)),
      h('a', { class: 'button small', href: '#/rollouts' }, 'All rollouts'));
    const allowed = session.can('rollout');
    const button = (name, label, when, danger) => h('button', {
      type: 'button', class: danger ? 'small danger' : 'small', dataset: { action: `rollout-${name}` },
      disabled: !allowed || !when,
      title: !allowed ? session.why('rollout') : when ? null : `Not while ${r.state}`,
      onclick: () => move(name),
    }, label);
    // the next step reaching 100 % (or none left) completes it: the request is published
    const last = completes(r);
    replace(actions,
      button('pause', 'Pause', r.state === 'running'),
      button('resume', 'Resume', r.state === 'paused'),
      button('advance', !active(r) ? 'Advance' : last ? 'Complete (publish)' : `Advance to ${percent(r.steps[r.step + 1].percent)}`, active(r)),
      button('abort', 'Abort…', active(r), true),
      h('p', { class: 'hint' }, active(r)
        ? 'Abort puts every consumer back on the stable versions; advance widens the cohort now, without waiting for the hold.'
        : `This rollout ${r.state === 'completed' ? 'completed: its change request is published' : 'ended'}; nothing more can happen to it.`));

    replace(ended, r.state === 'aborted'
      ? notice('error', h('strong', {}, 'Aborted: '), h('span', { dataset: { testid: 'rollout-reason' } }, r.reason || '(no reason given)'))
      : r.state === 'completed' ? notice('success', 'Completed: every consumer sees the change request\'s versions, which are published.') : null);

    const next = r.next_step_at;
    replace(summary,
      fact('Tools', r.tools.map((t) => h('a', { class: 'tag mono', href: `#/tools/${encodeURIComponent(t)}/versions` }, t))),
      fact('Cohort', Object.keys(r.cohort?.labels || {}).length
        ? [`${percent(r.percent)} of consumers labelled `, labels(r.cohort.labels)]
        : `${percent(r.percent)} of consumers that name themselves`),
      fact('Step', `${r.step + 1} of ${r.steps.length}`),
      fact('Advances', !r.auto_advance ? 'by hand only'
        : next ? h('span', { dataset: { testid: 'rollout-next', at: next } }, formatTime(next), ' ', h('span', { class: 'muted' }, relative(next)))
          : active(r) ? (r.state === 'paused' ? 'paused' : 'by hand at its last step') : '—'),
      fact('Revisions', `started at ${r.started_revision}, last moved at ${r.revision}`),
      fact('Started by', r.started_by));

    replace(steps, r.steps.map((s, i) => {
      const state = r.state === 'completed' || i < r.step ? 'done' : i === r.step ? (r.state === 'aborted' ? 'aborted' : 'current') : 'later';
      return h('li', { class: `step step-${state}`, 'aria-current': state === 'current' ? 'step' : null,
        dataset: { testid: 'rollout-step', index: i, state } },
      h('span', { class: 'step-percent' }, percent(s.percent)),
      h('span', { class: 'step-hold' }, i + 1 < r.steps.length ? `hold ${formatDuration(s.hold)}` : s.percent < 100 ? 'waits to be advanced' : 'everyone'),
      state === 'current' && next ? h('span', { class: 'step-next' }, `next ${relative(next)}`) : null);
    }));

    const a = r.abort_when;
    replace(rule, a
      ? ['Aborts by itself when the cohort\'s failure rate is worse than the control\'s by more than ',
        h('strong', {}, points(a.failure_rate_margin)), ', with at least ', h('strong', {}, String(a.min_reports)),
        ' reports on each side within ', h('strong', {}, formatDuration(a.window)),
        '; and when a consumer in the cohort fails to apply a revision.']
      : 'No outcome rule: only a consumer in the cohort failing to apply a revision aborts it by itself.');
    const o = r.outcomes;
    replace(now, o ? ['Within the last ', formatDuration(o.window), ': cohort ', side(o.cohort), ', control ', side(o.control), '.'] : null);

    const slices = r.slices || [];
    if (!slices.length) {
      chartNote.textContent = 'No outcome reported yet: consumers report with POST /api/v1/consumers/reports.';
    } else {
      chartNote.textContent = `${slices.length} slice${slices.length === 1 ? '' : 's'} of reports; failures per outcome in each.`;
    }
    chartBox.hidden = !slices.length;
    if (slices.length) chart = failureRateChart(chartBox, slices, chart);

    replace(history, (r.history || []).slice().reverse().map((c) => h('tr', { dataset: { testid: 'rollout-history-row', revision: c.revision, state: c.state } },
      h('td', { class: 'num', 'data-label': 'Revision' }, String(c.revision)),
      h('td', { class: 'small-text', 'data-label': 'When' }, formatTime(c.at)),
      h('td', { 'data-label': 'By' }, c.by),
      h('td', { 'data-label': 'State' }, badge(KINDS[c.state] || 'muted', c.state)),
      h('td', { class: 'num', 'data-label': 'Step' }, String(c.step + 1)),
      h('td', { class: 'num', 'data-label': 'Percent' }, percent(c.percent)),
      h('td', { class: 'reason' }, c.reason || ''))));
  }

  async function loadConsumers(r) {
    try {
      const { data } = await api.get('/cluster/consumers', { limit: 500 });
      replace(consumers, await consumerCounts(r, data));
    } catch (e) {
      replace(consumers, h('p', { class: 'muted' }, `The consumers could not be read: ${e.message}`));
    }
  }

  async function load() {
    if (busy) return;
    busy = true;
    try {
      const { data } = await api.get(`/rollouts/${id}`);
      // redraw only what changed: a button replaced under the pointer would lose its click
      const text = JSON.stringify(data);
      if (text !== shownText) { shownText = text; show(data); }
      loadConsumers(data);
    } catch (e) {
      replace(messages, notice('error', e.status === 401 ? 'Sign in to read rollouts.'
        : e.status === 404 ? `There is no rollout #${id}.` : e.message));
    } finally {
      busy = false;
    }
  }

  load();
  // a new revision may be this rollout's move; outcomes arrive without one: re-read on ticks while active
  const unsubscribe = live.subscribe((event) => {
    if (event.type === 'change' && event.revision !== shown) load();
    else if (event.type === 'tick' && shownRollout && active(shownRollout) && !document.hidden) load();
  });
  const resize = () => chart && chart.setSize({ width: chartBox.clientWidth, height: chart.height });
  window.addEventListener('resize', resize);
  return () => { unsubscribe(); window.removeEventListener('resize', resize); if (chart) chart.destroy(); };
}

/** Whether advancing {@code r} completes it: no step left, or the next is 100 %. */
function completes(r) {
  return Boolean(r) && (r.step + 1 >= r.steps.length || r.steps[r.step + 1].percent >= 100);
}

function fact(term, ...value) {
  return [h('dt', {}, term), h('dd', {}, ...value)];
}

function side(s) {
  const total = (s?.success || 0) + (s?.failure || 0);
  return total ? `${(100 * (s.failure_rate ?? s.failure / total)).toFixed(1)} % of ${total.toLocaleString('en')}` : 'no reports';
}

function relative(iso) {
  const ms = Date.parse(iso) - Date.now();
  if (!Number.isFinite(ms)) return '';
  if (ms <= 0) return '(due now)';
  const s = Math.round(ms / 1000);
  return s < 90 ? `(in ${s} s)` : s < 5400 ? `(in ${Math.round(s / 60)} min)` : `(in ${(s / 3600).toFixed(1)} h)`;
}

/**
 * How many of the cluster's watch consumers see this rollout. The registry lists each consumer's
 * id, node and delivered revision; where it also says a consumer's view (or labels) those are used.
 * Otherwise membership is worked out here as the node does — SHA-256 of "rolloutId:consumerId",
 * first four bytes as an unsigned number, modulo 10,000, below percent × 100 — which is only
 * possible when the cohort has no label selector (the registry keeps no labels).
 */
async function consumerCounts(r, data) {
  const list = data.consumers || [];
  if (!list.length) return h('p', { class: 'muted' }, 'No consumer is watching the catalog (the registry lists watch consumers that name themselves).');
  const selector = r.cohort?.labels || {};
  const byView = list.some((c) => typeof c.view === 'string');
  const canHash = !byView && active(r) && window.crypto?.subtle && (Object.keys(selector).length === 0 || list.every((c) => c.labels));
  const cohort = new Map(); // consumer id → in the cohort (null: cannot tell)
  for (const c of list) {
    const who = c.consumer_id;
    if (cohort.has(who)) continue;
    if (!active(r)) cohort.set(who, null);
    else if (byView) cohort.set(who, String(c.view || '').split(',').includes(`rollout=${r.id}`));
    else if (canHash) cohort.set(who, matches(c.labels || {}, selector) && await bucket(r.id, who) < Math.round(r.percent * 100));
    else cohort.set(who, null);
  }
  const nodes = new Map();
  for (const c of list) {
    const n = nodes.get(c.node_id) || { node: c.node_id, all: 0, in: 0, current: 0 };
    n.all++;
    if (cohort.get(c.consumer_id)) n.in++;
    if (c.delivered_revision >= r.revision) n.current++;
    nodes.set(c.node_id, n);
  }
  const known = [...cohort.values()].every((v) => v !== null);
  const inCohort = [...cohort.values()].filter(Boolean).length;
  const how = !active(r) ? `This rollout ${r.state}: every consumer sees the same catalog.`
    : byView ? 'Each consumer\'s view as the registry records it.'
      : known ? 'The registry keeps no view per consumer: membership is worked out here from each consumer\'s id, as the nodes do.'
        : 'The registry keeps neither a view nor labels per consumer, so who is in a labelled cohort cannot be told here: consumers are counted per node and revision.';
  return [
    h('p', { dataset: { testid: 'rollout-consumer-summary', cohort: known && active(r) ? inCohort : '' } },
      h('strong', {}, String(cohort.size)), ` consumer${cohort.size === 1 ? '' : 's'}`,
      known && active(r) ? [': ', h('strong', {}, String(inCohort)), ` in this rollout's cohort, `,
        h('strong', {}, String(cohort.size - inCohort)), ' not'] : '',
      '. ', h('span', { class: 'muted' }, how)),
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['Node', 'Consumers', known && active(r) ? 'In the cohort' : null, `Have revision ${r.revision} or later`]
        .filter(Boolean).map((t, i) => h('th', { scope: 'col', class: i ? 'num' : null }, t)))),
      h('tbody', {}, [...nodes.values()].map((n) => h('tr', { dataset: { testid: 'rollout-consumer-node', nodeId: n.node } },
        h('th', { scope: 'row', class: 'mono' }, n.node),
        h('td', { class: 'num', 'data-label': 'Consumers' }, String(n.all)),
        known && active(r) ? h('td', { class: 'num', 'data-label': 'In the cohort' }, String(n.in)) : null,
        h('td', { class: 'num', 'data-label': `Have ${r.revision}` }, String(n.current))))))),
  ];
}

function matches(have, want) {
  return Object.entries(want).every(([k, v]) => have[k] === v);
}

async function bucket(rolloutId, consumerId) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${rolloutId}:${consumerId}`)));
  const value = ((digest[0] << 24) >>> 0) + (digest[1] << 16) + (digest[2] << 8) + digest[3];
  return value % 10000;
}
