// Profile schemas: read every schema, edit one as JSON, see which tools a draft would reject (a dry
// run), save or delete it (admin). The server's 422 lists the tools that break a schema.
import { h, replace, field, notice } from '../dom.js';
import * as api from '../api.js';
import * as session from '../session.js';

const EXAMPLE = { type: 'object', properties: { timeout_ms: { type: 'integer', maximum: 60000 } } };

export function render(root) {
  const allowed = session.can('schemas');
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const list = h('ul', { class: 'plain', dataset: { testid: 'schema-list' } });
  const rejected = h('div', { 'aria-live': 'polite', dataset: { testid: 'would-reject' } });
  const controls = {
    name: h('input', { type: 'text', name: 'name', autocomplete: 'off', spellcheck: 'false', placeholder: 'stage_b' }),
    schema: h('textarea', { name: 'schema', rows: 14, class: 'code', spellcheck: 'false' }),
  };
  const button = (label, onclick, extra = {}) => h('button', { type: 'button', disabled: !allowed,
    title: allowed ? null : session.why('schemas'), onclick, ...extra }, label);

  replace(root, h('section', { class: 'page narrow' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Profile schemas')),
    h('p', { class: 'lead' }, 'A JSON Schema per profile name; every write checks each profile against the schema of its name.'),
    allowed ? null : notice('info', session.why('schemas')),
    messages,
    h('h2', {}, 'Schemas'), list,
    h('form', { class: 'editor', onsubmit: (e) => e.preventDefault() },
      field('Profile name', controls.name, { name: 'name' }),
      field('Schema (JSON Schema 2020-12)', controls.schema, { name: 'schema' }),
      h('div', { class: 'actions' },
        button('Check: which tools would it reject?', () => send(true), { dataset: { testid: 'dry-run' } }),
        button('Delete', remove, { class: 'danger' }),
        button('Save schema', () => send(false), { class: 'primary', dataset: { testid: 'save-schema' } }))),
    rejected));
  controls.schema.value = JSON.stringify(EXAMPLE, null, 2);
  load();

  async function load(select) {
    try {
      const { data } = await api.get('/schemas/profiles');
      const names = Object.keys(data.schemas || {});
      replace(list, names.length ? names.map((name) => h('li', {},
        h('a', { href: '#/schemas', dataset: { testid: 'schema-name' },
          onclick: (e) => { e.preventDefault(); edit(name, data.schemas[name]); } }, name)))
        : h('li', { class: 'muted' }, 'No profile has a schema.'));
      if (select && data.schemas[select]) edit(select, data.schemas[select]);
    } catch (e) {
      replace(messages, notice('error', e.message));
    }
  }

  function edit(name, schema) {
    controls.name.value = name;
    controls.schema.value = JSON.stringify(schema, null, 2);
    replace(rejected);
  }

  function clearErrors() {
    replace(messages);
    for (const el of root.querySelectorAll('.field-error')) el.textContent = '';
  }

  function showTools(title, tools, violations) {
    replace(rejected, h('div', { class: 'card' },
      h('h2', {}, title),
      tools.length === 0 ? h('p', {}, 'None: every tool keeps this schema.')
        : h('ul', {}, (violations || tools.map((tool) => ({ tool }))).map((v) =>
          h('li', { dataset: { testid: 'rejected-tool' } }, h('strong', {}, v.tool),
            v.field ? ` ${v.field}: ${v.message}` : '')))));
  }

  async function send(dryRun) {
    clearErrors();
    const name = controls.name.value.trim();
    let schema;
    try {
      schema = JSON.parse(controls.schema.value);
    } catch (e) {
      root.querySelector('[data-error-for="schema"]').textContent = `is not valid JSON: ${e.message}`;
      return;
    }
    try {
      const reply = await api.request(`/schemas/profiles/${encodeURIComponent(name)}`,
        { method: 'PUT', body: schema, params: dryRun ? { dry_run: 'true' } : {} });
      if (dryRun) {
        showTools('Tools this schema would reject', reply.data.would_reject, reply.data.violations);
      } else {
        replace(messages, notice('success', `Schema of ${name} set at revision ${reply.data.revision}.`));
        replace(rejected);
        load(name);
      }
    } catch (e) {
      if (e.status === 403) session.refused('schemas');
      if (e.status === 422 && e.problem.tools) {
        showTools('Not saved: these tools break it', e.problem.tools, e.problem.violations);
      }
      const top = e.field ? e.field.split(/[.[]/)[0] : null;
      const slot = top && root.querySelector(`[data-error-for="${CSS.escape(top)}"]`);
      if (slot) slot.textContent = e.field === top ? e.detail : `${e.field}: ${e.detail}`;
      replace(messages, notice('error', e.message));
    }
  }

  async function remove() {
    clearErrors();
    const name = controls.name.value.trim();
    try {
      const reply = await api.del(`/schemas/profiles/${encodeURIComponent(name)}`);
      replace(messages, notice('success', `Schema of ${name} deleted at revision ${reply.data.revision}.`));
      load();
    } catch (e) {
      replace(messages, notice('error', e.message));
    }
  }
}
