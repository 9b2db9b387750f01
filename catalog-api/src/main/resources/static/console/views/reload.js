// Cluster reload: ask every node to reload (everything or one tool) and show each node's outcome.
import { h, replace, field, notice, formatMs, badge } from '../dom.js';
import * as api from '../api.js';
import * as session from '../session.js';

export function render(root) {
  const allowed = session.can('reload');
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const result = h('div', { 'aria-live': 'polite' });
  const controls = {
    tool_name: h('input', { type: 'text', name: 'tool_name', autocomplete: 'off', placeholder: 'all tools' }),
    reason: h('input', { type: 'text', name: 'reason', autocomplete: 'off', placeholder: 'Manual reload' }),
    triggered_by: h('input', { type: 'text', name: 'triggered_by', autocomplete: 'off', placeholder: 'your principal' }),
    scope: h('select', { name: 'scope' }, h('option', { value: 'cluster' }, 'every node'), h('option', { value: 'node' }, 'this node only')),
    wait_ms: h('input', { type: 'number', name: 'wait_ms', min: 0, max: 30000, step: 100, value: '2000' }),
  };
  const submit = h('button', { type: 'submit', class: 'primary', disabled: !allowed, title: allowed ? null : session.why('reload') }, 'Reload');

  replace(root, h('section', { class: 'page narrow' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Reload')),
    h('p', { class: 'lead' }, 'Nodes reload by themselves on every change; a manual reload is for what changed behind the catalog\'s back.'),
    allowed ? null : notice('info', session.why('reload')),
    messages,
    h('form', { class: 'editor', onsubmit: (e) => { e.preventDefault(); send(); } },
      h('div', { class: 'two' },
        field('Tool (empty: all)', controls.tool_name, { name: 'tool_name' }),
        field('Scope', controls.scope, { name: 'scope' })),
      h('div', { class: 'two' },
        field('Reason', controls.reason, { name: 'reason' }),
        field('Triggered by', controls.triggered_by, { name: 'triggered_by' })),
      field('Wait for every node (ms)', controls.wait_ms, { name: 'wait_ms', hint: 'Up to 30000; 0 answers at once without the nodes\' outcomes' }),
      h('div', { class: 'actions' }, submit)),
    result));

  async function send() {
    replace(messages);
    for (const el of root.querySelectorAll('.field-error')) el.textContent = '';
    const params = Object.fromEntries(Object.entries(controls).map(([k, c]) => [k, c.value.trim()]));
    submit.disabled = true;
    try {
      const reply = await api.post('/tools/reload', params);
      show(reply.data);
    } catch (e) {
      if (e.status === 403) session.refused('reload');
      const slot = e.field && root.querySelector(`[data-error-for="${CSS.escape(e.field)}"]`);
      if (slot) slot.textContent = e.detail;
      replace(messages, notice('error', e.message));
    } finally {
      submit.disabled = !session.can('reload');
    }
  }

  function show(reload) {
    const nodes = reload.nodes || [];
    const missing = reload.missing_nodes || [];
    replace(result, h('div', { class: 'card', dataset: { testid: 'reload-result' } },
      h('h2', {}, reload.success ? 'Reloaded' : 'Reload failed on this node'),
      h('p', { class: 'muted' }, `reload ${reload.reload_id} · revision ${reload.revision} · ${reload.scope} · this node (${reload.node_id}) took ${formatMs(reload.duration_ms)}`),
      reload.nodes === undefined ? h('p', {}, 'Not waited for: the other nodes\' outcomes appear in History.') :
        h('div', { class: 'table-wrap' }, h('table', { class: 'grid' },
          h('thead', {}, h('tr', {}, ['Node', 'Outcome', 'Duration', 'Revision', 'Error'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {},
            nodes.map((n) => h('tr', { dataset: { testid: 'reload-node', nodeId: n.node_id } },
              h('th', { scope: 'row' }, n.node_id),
              h('td', {}, n.success ? badge('ok', 'reloaded') : badge('bad', 'failed')),
              h('td', { class: 'num' }, formatMs(n.duration_ms)),
              h('td', { class: 'num' }, String(n.revision)),
              h('td', {}, n.error_message || ''))),
            missing.map((id) => h('tr', { dataset: { testid: 'reload-node', nodeId: id } },
              h('th', { scope: 'row' }, id), h('td', {}, badge('warn', 'no answer in time')), h('td'), h('td'), h('td'))))))));
  }
}
