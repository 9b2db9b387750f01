// Change requests: the list by state, and one request's page with its field diff, its steps, and
// the buttons its state allows (submit, approve, reject, publish). The server decides who may.
import { h, replace, field, notice, formatTime, badge } from '../dom.js';
import * as api from '../api.js';

const STATES = ['draft', 'in_review', 'approved', 'published', 'rejected', 'withdrawn', 'failed'];
const KINDS = { approved: 'ok', published: 'ok', in_review: 'info', rejected: 'bad', failed: 'bad' };
const show = (value) => (value === undefined || value === null ? '—' : JSON.stringify(value));

export function render(root, { id }) {
  return id ? renderOne(root, id) : renderList(root);
}

function renderList(root) {
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const body = h('tbody');
  const state = h('select', { name: 'state', onchange: () => load() },
    h('option', { value: '' }, 'Any'), STATES.map((s) => h('option', { value: s }, s)));
  replace(root, h('section', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Change requests')),
    h('div', { class: 'filters' }, field('State', state, { name: 'state' })),
    messages,
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['#', 'Title', 'State', 'Author', 'Items', 'Updated'].map((t) => h('th', { scope: 'col' }, t)))),
      body))));

  async function load() {
    try {
      const reply = await api.get('/change-requests', { state: state.value });
      const rows = reply.data.change_requests;
      replace(messages);
      replace(body, rows.length ? rows.map((cr) => h('tr', { dataset: { testid: 'change-row', id: cr.id, state: cr.state } },
        h('td', { class: 'num' }, h('a', { href: `#/changes/${cr.id}` }, String(cr.id))),
        h('td', {}, h('a', { href: `#/changes/${cr.id}` }, cr.title)),
        h('td', {}, badge(KINDS[cr.state] || 'muted', cr.state)),
        h('td', {}, cr.author),
        h('td', { class: 'num' }, String(cr.items.length)),
        h('td', {}, formatTime(cr.updated_at))))
        : h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'No change requests.')));
    } catch (e) {
      replace(messages, notice('error', e.message));
    }
  }
  load();
  return null;
}

function renderOne(root, id) {
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const head = h('div', { class: 'page-head' });
  const actions = h('div', { class: 'filters' });
  const diffBody = h('tbody', { dataset: { testid: 'cr-diff' } });
  const events = h('tbody');
  const comment = h('input', { type: 'text', name: 'comment', autocomplete: 'off', placeholder: 'Comment (optional)' });
  const when = h('input', { type: 'datetime-local', name: 'publish_at', step: 1, dataset: { testid: 'cr-publish-input' } });
  const schedule = h('form', { class: 'filters schedule', onsubmit: (e) => { e.preventDefault(); scheduleAt(); } });
  replace(root, h('section', { class: 'page' }, head, messages, actions, schedule,
    h('h2', {}, 'What publishing changes'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['Tool', 'Action', 'Field', 'Now', 'After', 'Check'].map((t) => h('th', { scope: 'col' }, t)))),
      diffBody)),
    h('h2', {}, 'Steps'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['When', 'Who', 'Step', 'From → to', 'Comment'].map((t) => h('th', { scope: 'col' }, t)))),
      events))));

  // the last validation's problems ({item, field, detail}), shown beside the field they name
  let problems = [];
  let tools = [];

  async function step(name, body = { comment: comment.value || null }) {
    try {
      await api.post(`/change-requests/${id}/${name}`, null, body);
      comment.value = '';
      problems = [];
      await load();
    } catch (e) {
      problems = e.problem?.problems || [];
      const conflicts = e.problem?.conflicts ? ` (${e.problem.conflicts.join(', ')})` : '';
      const listed = problems.map((p) => h('li', {}, `${p.item || ''} ${p.field}: ${p.detail}`));
      replace(messages, notice('error', e.message + conflicts, listed.length ? h('ul', {}, listed) : null));
      renderDiff();
    }
  }

  function renderDiff() {
    const about = (tool, path) => problems.filter((p) => p.item === tool && p.field === path).map((p) => p.detail);
    replace(diffBody, tools.flatMap((tool) => (tool.fields.length ? tool.fields : [{ path: '', before: null, after: null }])
      .map((f) => {
        const found = about(tool.name, f.path);
        return h('tr', { dataset: { testid: 'cr-field', path: f.path } },
          h('td', { class: 'mono' }, tool.name), h('td', {}, tool.action), h('td', { class: 'mono' }, f.path),
          h('td', { class: 'del' }, show(f.before)), h('td', { class: 'add' }, show(f.after)),
          h('td', { dataset: { testid: 'cr-check' } }, found.length ? h('p', { class: 'field-error' }, found.join('; ')) : ''));
      })));
  }

  function scheduleAt() {
    const at = new Date(when.value);
    if (!when.value || Number.isNaN(at.getTime())) {
      replace(messages, notice('error', 'Pick a date and time to publish at.'));
      return;
    }
    step('schedule', { publish_at: at.toISOString() });
  }

  async function load() {
    try {
      const [cr, diff, log] = await Promise.all([
        api.get(`/change-requests/${id}`), api.get(`/change-requests/${id}/diff`), api.get(`/change-requests/${id}/events`)]);
      const request = cr.data;
      replace(head, h('h1', {}, `#${request.id} `, request.title), ' ',
        h('span', { dataset: { testid: 'cr-state', state: request.state } }, badge(KINDS[request.state] || 'muted', request.state)),
        h('a', { class: 'button small', href: '#/changes' }, 'All change requests'));
      const button = (name, label, allowed) => h('button', { type: 'button', class: 'small', disabled: !allowed,
        dataset: { action: name }, onclick: () => step(name) }, label);
      replace(actions, comment,
        button('submit', 'Submit', request.state === 'draft'),
        button('approve', 'Approve', request.state === 'in_review'),
        button('reject', 'Reject', ['in_review', 'approved'].includes(request.state)),
        button('publish', 'Publish now', ['draft', 'in_review', 'approved'].includes(request.state)),
        button('rebase', 'Rebase', diff.data.conflicts.length > 0));
      replace(schedule,
        h('span', { dataset: { testid: 'cr-publish-at', at: request.publish_at || '' } },
          request.publish_at ? ['Publishes at ', h('strong', {}, formatTime(request.publish_at))] : 'Not scheduled'),
        field('Publish at (your time)', when, { name: 'publish_at' }),
        h('button', { type: 'submit', class: 'small', disabled: request.state !== 'approved', dataset: { action: 'schedule' } },
          request.publish_at ? 'Reschedule' : 'Schedule'),
        h('p', { class: 'hint' }, 'There is no unschedule: staging or unstaging an item (an edit) puts the request back to draft and drops its schedule.'));
      replace(messages, request.failure_reason ? notice('error', request.failure_reason)
        : diff.data.conflicts.length ? notice('warning', `Changed since staged: ${diff.data.conflicts.join(', ')}`) : null);
      tools = diff.data.tools;
      renderDiff();
      replace(events, log.data.events.map((e) => h('tr', {},
        h('td', {}, formatTime(e.at)), h('td', {}, e.actor), h('td', {}, e.action),
        h('td', {}, `${e.from_state || '—'} → ${e.to_state}`), h('td', { class: 'reason' }, e.comment || ''))));
    } catch (e) {
      replace(messages, notice('error', e.message));
    }
  }
  load();
  return null;
}
