// Tools: the list with search and filters; enable, disable and delete from the row.
import { h, replace, field, notice, confirmDialog, formatTime, badge } from '../dom.js';
import * as api from '../api.js';
import * as session from '../session.js';
import * as live from '../live.js';

const filters = { q: '', category: '', tag: '', enabled: '' };

export function render(root) {
  const count = h('span', { class: 'muted' });
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const body = h('tbody');
  const canEdit = session.can('edit');

  const input = (name, label, placeholder) => field(label, h('input', {
    type: 'search', name, value: filters[name], placeholder, autocomplete: 'off',
    oninput: (e) => { filters[name] = e.target.value.trim(); debounced(); },
  }));
  const enabledSelect = h('select', { name: 'enabled', onchange: (e) => { filters.enabled = e.target.value; load(); } },
    ['', 'true', 'false'].map((v) => h('option', { value: v, selected: filters.enabled === v },
      { '': 'Any', true: 'Enabled', false: 'Disabled' }[v])));

  replace(root, h('section', { class: 'page' },
    h('div', { class: 'page-head' },
      h('h1', {}, 'Tools'), count,
      h('a', { class: `button primary${canEdit ? '' : ' disabled'}`, href: canEdit ? '#/tools/new' : null,
        'aria-disabled': canEdit ? null : 'true', title: canEdit ? null : session.why('edit'),
        dataset: { testid: 'new-tool' } }, 'New tool')),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); load(); } },
      input('q', 'Search', 'name or description'),
      input('category', 'Category', 'e.g. search'),
      input('tag', 'Tag', 'e.g. text'),
      field('Status', enabledSelect)),
    messages,
    h('div', { class: 'table-wrap' },
      h('table', { class: 'grid tools' },
        h('thead', {}, h('tr', {},
          ['Name', 'Description', 'Category', 'Tags', 'Status', 'Version', 'Last change', ''].map((t) => h('th', { scope: 'col' }, t)))),
        body))));

  let timer;
  const debounced = () => { clearTimeout(timer); timer = setTimeout(load, 250); };
  let loading = 0;

  async function load() {
    const mine = ++loading;
    try {
      const reply = await api.get('/tools', {
        q: filters.q, category: filters.category, tag: filters.tag, enabled: filters.enabled, limit: 1000,
      });
      if (mine !== loading) return;
      live.seen(reply.revision);
      const { tools, total } = reply.data;
      count.textContent = `${total} tool${total === 1 ? '' : 's'} · revision ${reply.data.revision}`;
      replace(body, tools.length ? tools.map(row) :
        h('tr', {}, h('td', { colspan: 8, class: 'empty' }, 'No tools match.')));
    } catch (e) {
      replace(messages, notice('error', e.message));
    }
  }

  function row(tool) {
    const actions = h('div', { class: 'row-actions' },
      h('a', { class: 'button small', href: canEdit ? `#/tools/${encodeURIComponent(tool.name)}/edit` : null,
        'aria-disabled': canEdit ? null : 'true', title: canEdit ? `Edit ${tool.name}` : session.why('edit'),
        'aria-label': `Edit ${tool.name}`, dataset: { action: 'edit' } }, 'Edit'),
      h('a', { class: 'button small', href: `#/tools/${encodeURIComponent(tool.name)}/versions`,
        'aria-label': `Versions of ${tool.name}`, dataset: { action: 'versions' } }, 'Versions'),
      h('button', { type: 'button', class: 'small', disabled: !canEdit, title: canEdit ? null : session.why('edit'),
        'aria-label': `${tool.enabled ? 'Disable' : 'Enable'} ${tool.name}`, dataset: { action: 'toggle' },
        onclick: () => toggle(tool) }, tool.enabled ? 'Disable' : 'Enable'),
      h('button', { type: 'button', class: 'small danger', disabled: !canEdit, title: canEdit ? null : session.why('edit'),
        'aria-label': `Delete ${tool.name}`, dataset: { action: 'delete' }, onclick: () => remove(tool) }, 'Delete'));
    return h('tr', { dataset: { testid: 'tool-row', name: tool.name, version: tool.version, enabled: tool.enabled } },
      h('th', { scope: 'row', class: 'name' }, tool.name),
      h('td', { class: 'description' }, tool.description),
      h('td', { dataset: { label: 'Category' } }, tool.category || '—'),
      h('td', { dataset: { label: 'Tags' } }, tool.tags.map((t) => h('span', { class: 'tag' }, t))),
      h('td', { dataset: { label: 'Status' } }, tool.enabled ? badge('ok', 'enabled') : badge('muted', 'disabled')),
      h('td', { class: 'num', dataset: { label: 'Version' } }, String(tool.version)),
      h('td', { class: 'small-text', dataset: { label: 'Last change' } }, formatTime(tool.updated_at), h('br'), h('span', { class: 'muted' }, tool.updated_by || '')),
      h('td', {}, actions));
  }

  async function toggle(tool) {
    const action = tool.enabled ? 'disable' : 'enable';
    await act(tool, () => api.patch(api.toolPath(tool.name, `/${action}`), null, { headers: api.ifMatch(tool.version) }),
      `${tool.name} ${action}d`);
  }

  async function remove(tool) {
    if (!await confirmDialog(`Delete ${tool.name}?`,
      'Every node drops it within milliseconds. Its versions stay, so a rollback can restore it.', 'Delete')) return;
    await act(tool, () => api.del(api.toolPath(tool.name), null, { headers: api.ifMatch(tool.version) }),
      `${tool.name} deleted`);
  }

  async function act(tool, call, done) {
    try {
      const reply = await call();
      replace(messages, notice('success', `${done} (revision ${reply.revision}).`));
      live.seen(reply.revision);
    } catch (e) {
      if (e.status === 403) session.refused('edit');
      replace(messages, notice('error', e.status === 412
        ? `${tool.name} changed after this list was shown (${e.detail}). The list now shows its current state.`
        : e.message));
      load();
    }
  }

  load();
  const unsubscribe = live.subscribe((event) => { if (event.type === 'change') load(); });
  return () => { unsubscribe(); clearTimeout(timer); };
}
