// Change requests: the list by state, and one request's page with its field diff, its steps, and
// the buttons its state allows (submit, approve, reject, publish, roll out). The server decides who may.
import { h, replace, field, notice, formatTime, badge } from '../dom.js';
import * as api from '../api.js';
import * as live from '../live.js';

const STATES = ['draft', 'in_review', 'approved', 'rolling_out', 'published', 'rejected', 'withdrawn', 'failed'];
const KINDS = { approved: 'ok', published: 'ok', in_review: 'info', rolling_out: 'info', rejected: 'bad', failed: 'bad' };
const ROLLOUT_KINDS = { running: 'info', paused: 'warn', completed: 'ok', aborted: 'bad' };
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

/**
 * The "Roll out" form: steps written as "5:10m, 25:30m, 100" (percent, then how long to hold it),
 * a cohort's labels, the abort rule and auto-advance, posted to /change-requests/{id}/rollout;
 * the server's refusal is shown beside the field it names.
 */
function rolloutForm(id, messages) {
  const input = (name, value, extra = {}) => h('input', { type: 'text', name, value, autocomplete: 'off', spellcheck: 'false', ...extra });
  const steps = input('steps', '5:10m, 25:30m, 100', { dataset: { testid: 'rollout-steps-input' } });
  const cohort = input('cohort', '', { placeholder: 'region=eu, stage=b' });
  const margin = input('failure_rate_margin', '0.05', { type: 'number', step: 'any', min: 0, max: 1 });
  const minReports = input('min_reports', '100', { type: 'number', step: 1, min: 0 });
  const windowInput = input('window', '5m');
  const auto = h('input', { type: 'checkbox', name: 'auto_advance', id: 'rollout-auto', checked: true });
  const submit = h('button', { type: 'submit', class: 'primary', dataset: { action: 'rollout' } }, 'Roll out');
  const form = h('form', { class: 'rollout-form', noValidate: true, onsubmit: (e) => { e.preventDefault(); start(); } },
    h('div', { class: 'wide' }, field('Steps (percent:hold, …)', steps, { name: 'steps',
      hint: 'Each step\'s percent of the cohort, strictly increasing, and how long it holds (30s, 10m, 1h) before the next. A last step below 100 waits to be advanced.' })),
    h('div', { class: 'wide' }, field('Cohort labels', cohort, { name: 'cohort.labels',
      hint: 'Only consumers carrying these labels (X-Catalog-Consumer-Labels); empty: every consumer that names itself.' })),
    field('Failure-rate margin', margin, { name: 'abort_when.failure_rate_margin', hint: '0.05: abort when the cohort fails 5 points more often than the control' }),
    field('Min reports', minReports, { name: 'abort_when.min_reports', hint: 'on each side, before the rule judges' }),
    field('Window', windowInput, { name: 'abort_when.window', hint: 'reports counted over the last …' }),
    h('div', { class: 'field checkbox' }, auto, h('label', { for: 'rollout-auto' }, 'Advance by itself after each hold')),
    h('div', { class: 'actions' }, submit));
  const element = h('details', { class: 'card', dataset: { testid: 'cr-rollout' } },
    h('summary', {}, 'Roll out gradually'), form);

  function problem(name, detail) {
    const slots = [...form.querySelectorAll('[data-error-for]')];
    const slot = slots.find((s) => s.dataset.errorFor === name)
      || slots.find((s) => s.dataset.errorFor && (name.startsWith(`${s.dataset.errorFor}.`) || name.startsWith(`${s.dataset.errorFor}[`)
        || s.dataset.errorFor.startsWith(`${name}.`)));
    if (!slot) return false;
    slot.textContent = detail;
    form.querySelector(`[aria-describedby="${CSS.escape(slot.id)}"]`)?.setAttribute('aria-invalid', 'true');
    return true;
  }

  function body() {
    const parsed = steps.value.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
      const [p, hold] = s.split(':').map((x) => x.trim());
      const number = Number(p.replace(/%$/, '').trim());
      if (!p || !Number.isFinite(number)) throw Object.assign(new Error(`"${s}" does not start with a percent`), { field: 'steps' });
      return hold ? { percent: number, hold } : { percent: number };
    });
    const labels = {};
    for (const pair of cohort.value.split(',').map((s) => s.trim()).filter(Boolean)) {
      const at = pair.indexOf('=');
      if (at < 1) throw Object.assign(new Error(`"${pair}" is not key=value`), { field: 'cohort.labels' });
      labels[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
    }
    const rule = {};
    if (margin.value !== '') rule.failure_rate_margin = Number(margin.value);
    if (minReports.value !== '') rule.min_reports = Number(minReports.value);
    if (windowInput.value.trim() !== '') rule.window = windowInput.value.trim();
    return {
      steps: parsed,
      cohort: { labels },
      ...(Object.keys(rule).length ? { abort_when: rule } : {}),
      auto_advance: auto.checked,
    };
  }

  async function start() {
    for (const slot of form.querySelectorAll('[data-error-for]')) slot.textContent = '';
    for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
    let request;
    try {
      request = body();
    } catch (e) {
      problem(e.field, e.message);
      return;
    }
    submit.disabled = true;
    try {
      const reply = await api.post(`/change-requests/${id}/rollout`, null, request);
      live.seen(reply.data.revision);
      location.hash = `#/rollouts/${reply.data.id}`;
    } catch (e) {
      const named = e.field && problem(e.field, e.detail);
      const moved = e.problem?.conflicts ? ` (${[].concat(e.problem.conflicts).join(', ')})` : '';
      replace(messages, notice('error', e.message + moved));
      if (!named) element.open = true;
    } finally {
      submit.disabled = !allowed;
    }
  }

  let allowed = true;
  return {
    element,
    allow(open) {
      allowed = open;
      element.hidden = !open; // a request that cannot be rolled out any more shows no form
      submit.disabled = !allowed;
      submit.title = allowed ? '' : 'Only an open request (approved, when review is required) can be rolled out';
    },
  };
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
  const rollouts = h('p', { class: 'rollout-links', dataset: { testid: 'cr-rollouts' } });
  const rollout = rolloutForm(id, messages);
  replace(root, h('section', { class: 'page' }, head, messages, rollouts, actions, schedule, rollout.element,
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
      rollout.allow(['draft', 'in_review', 'approved'].includes(request.state));
      showRollouts();
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
  // the rollouts of this request, newest first, each a link (nothing shown when there are none)
  async function showRollouts() {
    try {
      const { data } = await api.get('/rollouts', { limit: 100 });
      const mine = (data.rollouts || []).filter((r) => String(r.change_request_id) === String(id));
      replace(rollouts, mine.length ? ['Rollouts of this request: ', mine.map((r, i) => [i ? ', ' : '',
        h('a', { href: `#/rollouts/${r.id}`, dataset: { testid: 'cr-rollout-link', id: r.id } }, `rollout #${r.id}`), ' ',
        badge(ROLLOUT_KINDS[r.state] || 'muted', `${r.state} · ${r.percent} %`)])] : null);
    } catch (e) {
      replace(rollouts); // rollouts cannot be read here (an older node): the page works without them
    }
  }

  load();
  return null;
}
