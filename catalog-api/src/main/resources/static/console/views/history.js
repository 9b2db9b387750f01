// Cluster-wide reload history with filters; new events appear as the nodes record them. A reload
// a rollout caused (trigger rollout or rollback) links to that rollout's page.
import { h, replace, field, notice, formatTime, formatMs, badge } from '../dom.js';
import * as api from '../api.js';
import * as live from '../live.js';

const TRIGGERS = ['startup', 'api_update', 'manual', 'periodic', 'webhook', 'sync', 'scheduled', 'rollout', 'rollback'];
const BY_ROLLOUT = new Set(['rollout', 'rollback']);
const filters = { trigger: '', node: '', tool_name: '', since: '', limit: '50' };

export function render(root) {
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const summary = h('span', { class: 'muted' });
  const body = h('tbody');
  const follow = h('input', { type: 'checkbox', id: 'follow', checked: true });
  const nodes = h('datalist', { id: 'node-ids' });
  const seen = new Set();
  let first = true;
  let rollouts = []; // read when a row needs one: which rollout moved change request C at revision R

  const text = (name, label, extra = {}) => field(label, h('input', {
    type: 'text', name, value: filters[name], autocomplete: 'off', ...extra,
    onchange: (e) => { filters[name] = e.target.value.trim(); load(); },
  }), { name });

  replace(root, h('section', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Reload history'), summary,
      h('div', { class: 'follow' }, follow, h('label', { for: 'follow' }, 'Live'))),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); load(); } },
      field('Trigger', h('select', { name: 'trigger', onchange: (e) => { filters.trigger = e.target.value; load(); } },
        h('option', { value: '' }, 'Any'), TRIGGERS.map((t) => h('option', { value: t, selected: filters.trigger === t }, t))), { name: 'trigger' }),
      text('node', 'Node', { list: 'node-ids' }),
      text('tool_name', 'Tool'),
      field('Since', h('input', { type: 'datetime-local', name: 'since', step: 1, value: filters.since,
        onchange: (e) => { filters.since = e.target.value; load(); } }), { name: 'since' }),
      field('Show', h('select', { name: 'limit', onchange: (e) => { filters.limit = e.target.value; load(); } },
        ['20', '50', '100'].map((n) => h('option', { value: n, selected: filters.limit === n }, `${n} newest`))), { name: 'limit' }),
      nodes),
    messages,
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid history' },
      h('thead', {}, h('tr', {}, ['When', 'Node', 'Trigger', 'Tool', 'Revision', 'Kind', 'Took', 'Commit → applied', 'Outcome', 'By', 'Reason']
        .map((t) => h('th', { scope: 'col' }, t)))),
      body))));

  async function load() {
    for (const el of root.querySelectorAll('.field-error')) el.textContent = '';
    const params = { ...filters, since: filters.since ? new Date(filters.since).toISOString() : '' };
    try {
      const reply = await api.get('/tools/reload/history', params);
      const { history, total, source } = reply.data;
      if (history.some((e) => BY_ROLLOUT.has(e.trigger))) rollouts = await readRollouts();
      summary.textContent = `${history.length} of ${total} events`;
      replace(messages, source === 'cluster' ? null
        : notice('warning', 'Redis is unreachable from this node: this is only this node\'s own history.'));
      replace(body, history.length ? history.map(row) : h('tr', {}, h('td', { colspan: 11, class: 'empty' }, 'No reloads match.')));
      replace(nodes, [...new Set(history.map((e) => e.node_id))].map((id) => h('option', { value: id })));
      first = false;
    } catch (e) {
      if (e.field) {
        const slot = root.querySelector(`[data-error-for="${CSS.escape(e.field)}"]`);
        if (slot) slot.textContent = e.detail;
      }
      replace(messages, notice('error', e.message));
    }
  }

  function row(event) {
    const key = `${event.reload_id}/${event.node_id}/${event.timestamp}`;
    const fresh = !first && !seen.has(key);
    seen.add(key);
    const revision = event.from_revision === event.revision ? String(event.revision) : `${event.from_revision} → ${event.revision}`;
    return h('tr', { class: fresh ? 'fresh' : null, dataset: { testid: 'history-row', nodeId: event.node_id, revision: event.revision, trigger: event.trigger } },
      h('td', { class: 'small-text' }, formatTime(event.timestamp)),
      h('td', { class: 'mono' }, event.node_id),
      h('td', {}, badge(event.trigger === 'api_update' ? 'info' : event.trigger === 'rollback' ? 'bad' : 'muted', event.trigger),
        BY_ROLLOUT.has(event.trigger) ? rolloutLink(event) : null),
      h('td', {}, event.tool_name || h('span', { class: 'muted' }, 'all')),
      h('td', { class: 'num' }, revision),
      h('td', {}, `${event.kind} · ${event.tools_changed}`),
      h('td', { class: 'num' }, formatMs(event.duration_ms)),
      h('td', { class: 'num' }, formatMs(event.propagation_ms)),
      h('td', {}, event.success ? badge('ok', 'ok') : h('span', {}, badge('bad', 'failed'), ' ', event.error_message || '')),
      h('td', {}, event.triggered_by || ''),
      h('td', { class: 'reason' }, event.reason || ''));
  }

  function rolloutLink(event) {
    const rollout = rollouts.find((r) => String(r.change_request_id) === String(event.change_request_id)
      && r.started_revision <= event.revision && (r.state === 'running' || r.state === 'paused' || event.revision <= r.revision));
    return rollout
      ? [' ', h('a', { href: `#/rollouts/${rollout.id}`, class: 'small-text', dataset: { testid: 'history-rollout', id: rollout.id } }, `rollout #${rollout.id}`)]
      : null;
  }

  load();
  return live.subscribe(() => { if (follow.checked) load(); });
}

async function readRollouts() {
  try {
    return (await api.get('/rollouts', { limit: 100 })).data.rollouts || [];
  } catch (e) {
    return []; // not readable (a token needed, an older node): rows show their trigger only
  }
}
