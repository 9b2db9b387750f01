// Create or edit one tool. Every problem+json `field` is shown beside the input it names; an edit
// sends If-Match, and a 412 says who changed the tool meanwhile and which fields.
import { h, replace, field, notice, formatTime } from '../dom.js';
import * as api from '../api.js';
import * as session from '../session.js';
import * as live from '../live.js';

const EDITABLE = ['description', 'category', 'tags', 'enabled', 'profiles', 'input_schema', 'output_schema'];
const SCHEMA_FIELDS = ['input_schema', 'output_schema'];
const EXAMPLE_PROFILES = {
  default: { timeout_ms: 5000, max_retries: 2, cost_weight: 0.2, latency_weight: 0.5, quality_weight: 0.3, parameters: {} },
};

export function render(root, { name }) {
  const creating = name === null;
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const controls = {
    name: h('input', { type: 'text', name: 'name', required: true, autocomplete: 'off', spellcheck: 'false',
      pattern: '[a-z0-9][a-z0-9._\\-]{0,63}', readonly: creating ? null : true }),
    description: h('textarea', { name: 'description', rows: 3 }),
    category: h('input', { type: 'text', name: 'category', autocomplete: 'off' }),
    tags: h('input', { type: 'text', name: 'tags', autocomplete: 'off' }),
    enabled: h('input', { type: 'checkbox', name: 'enabled', checked: true }),
    profiles: h('textarea', { name: 'profiles', rows: 12, class: 'code', spellcheck: 'false' }),
    input_schema: h('textarea', { name: 'input_schema', rows: 6, class: 'code', spellcheck: 'false' }),
    output_schema: h('textarea', { name: 'output_schema', rows: 6, class: 'code', spellcheck: 'false' }),
    author: h('input', { type: 'text', name: 'author', autocomplete: 'name' }),
    reason: h('input', { type: 'text', name: 'reason', autocomplete: 'off' }),
  };
  const save = h('button', { type: 'submit', class: 'primary', disabled: !session.can('edit'),
    title: session.can('edit') ? null : session.why('edit') }, creating ? 'Create tool' : 'Save changes');
  let loaded = null; // the tool as it was when the form was filled: its version is the If-Match

  const form = h('form', { class: 'editor', novalidate: true, onsubmit: (e) => { e.preventDefault(); submit(); } },
    field('Name', controls.name, { name: 'name', hint: creating ? 'Lower case letters, digits, ".", "_" and "-"; up to 64.' : null }),
    field('Description', controls.description, { name: 'description' }),
    h('div', { class: 'two' },
      field('Category', controls.category, { name: 'category' }),
      field('Tags', controls.tags, { name: 'tags', hint: 'Separated by commas' })),
    h('div', { class: 'field checkbox' }, controls.enabled, h('label', { for: 'enabled-box' }, 'Enabled'),
      h('p', { class: 'field-error', dataset: { errorFor: 'enabled' }, role: 'alert' })),
    field('Profiles (JSON)', controls.profiles, { name: 'profiles',
      hint: 'Each profile: timeout_ms, max_retries, cost_weight, latency_weight, quality_weight, parameters' }),
    h('div', { class: 'two' },
      field('Input schema (JSON Schema)', controls.input_schema, { name: 'input_schema', hint: 'Optional; empty for none' }),
      field('Output schema (JSON Schema)', controls.output_schema, { name: 'output_schema', hint: 'Optional; empty for none' })),
    h('div', { class: 'two' },
      field(creating ? 'Created by' : 'Updated by', controls.author, { name: creating ? 'created_by' : 'updated_by', hint: 'Optional; your principal otherwise' }),
      field('Reason', controls.reason, { name: 'reason', hint: 'Optional; kept in the change log' })),
    h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/tools' }, 'Cancel'), save));
  controls.enabled.id = 'enabled-box';
  controls.enabled.dataset.field = 'enabled';

  replace(root, h('section', { class: 'page narrow' },
    h('div', { class: 'page-head' },
      h('h1', {}, creating ? 'New tool' : `Edit ${name}`),
      creating ? null : h('a', { class: 'button small', href: `#/tools/${encodeURIComponent(name)}/versions` }, 'Versions')),
    messages, form));

  function fill(tool) {
    loaded = tool;
    controls.name.value = tool.name || '';
    controls.description.value = tool.description || '';
    controls.category.value = tool.category || '';
    controls.tags.value = (tool.tags || []).join(', ');
    controls.enabled.checked = tool.enabled !== false;
    controls.profiles.value = JSON.stringify(tool.profiles || {}, null, 2);
    for (const key of SCHEMA_FIELDS) controls[key].value = tool[key] ? JSON.stringify(tool[key], null, 2) : '';
  }

  function clearErrors() {
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    replace(messages);
  }

  /** Puts the server's words beside the input its `field` names (the longest matching prefix). */
  function showFieldError(fieldPath, detail) {
    const top = fieldPath.split(/[.[]/)[0];
    const control = form.querySelector(`[data-field="${CSS.escape(top)}"]`);
    const slot = control && form.querySelector(`[data-error-for="${CSS.escape(top)}"]`);
    if (!slot) return false;
    slot.textContent = fieldPath === top ? detail : `${fieldPath}: ${detail}`;
    control.setAttribute('aria-invalid', 'true');
    control.focus();
    return true;
  }

  function body() {
    let profiles;
    try {
      profiles = JSON.parse(controls.profiles.value || '{}');
    } catch (e) {
      showFieldError('profiles', `is not valid JSON: ${e.message}`);
      return null;
    }
    const tool = {
      description: controls.description.value,
      category: controls.category.value,
      tags: controls.tags.value.split(',').map((t) => t.trim()).filter(Boolean),
      enabled: controls.enabled.checked,
      profiles,
    };
    for (const key of SCHEMA_FIELDS) {
      const text = controls[key].value.trim();
      try {
        // empty removes the schema (null), as the API reads it
        tool[key] = text ? JSON.parse(text) : null;
      } catch (e) {
        showFieldError(key, `is not valid JSON: ${e.message}`);
        return null;
      }
    }
    if (creating) tool.name = controls.name.value.trim();
    const author = controls.author.value.trim();
    if (author) tool[creating ? 'created_by' : 'updated_by'] = author;
    return tool;
  }

  async function submit(overwrite = false) {
    clearErrors();
    const tool = body();
    if (!tool) return;
    const params = { reason: controls.reason.value.trim() };
    try {
      const reply = creating
        ? await api.post('/tools', params, tool)
        : await api.request(api.toolPath(name), { method: 'PUT', params, body: tool, headers: api.ifMatch(loaded.version) });
      live.seen(reply.revision);
      location.hash = `#/tools?saved=${encodeURIComponent(reply.data.name)}`;
    } catch (e) {
      if (e.status === 403) session.refused('edit');
      if (e.status === 412 && !overwrite) return conflict(tool);
      if (e.field && showFieldError(e.field, e.detail)) {
        replace(messages, notice('error', 'Not saved: the server refused a field, shown below.'));
        return;
      }
      replace(messages, notice('error', e.message));
    }
  }

  /** Someone saved the tool since the form was filled: say who, when and what, and let the operator choose. */
  async function conflict() {
    let current;
    try {
      current = (await api.get(api.toolPath(name))).data;
    } catch (e) {
      replace(messages, notice('error', `${name} changed and could not be read again: ${e.message}`));
      return;
    }
    const changed = EDITABLE.filter((k) => JSON.stringify(current[k]) !== JSON.stringify(loaded[k]));
    const mine = loaded;
    replace(messages, h('div', { class: 'notice notice-warning conflict', role: 'alert', dataset: { testid: 'conflict' } },
      h('strong', {}, 'Not saved: someone else changed this tool while you were editing it.'),
      h('p', {},
        `${current.updated_by || 'someone'} saved version ${current.version} at ${formatTime(current.updated_at)} `,
        `(you started from version ${mine.version}). `,
        changed.length ? ['They changed: ', h('span', { dataset: { testid: 'conflict-fields' } }, changed.join(', ')), '.']
          : 'No field you can edit differs; only its version moved.'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: () => { clearErrors(); fill(current); } }, 'Discard mine, load theirs'),
        h('button', { type: 'button', class: 'danger', onclick: () => { loaded = current; submit(true); } },
          `Save mine over version ${current.version}`))));
    const box = messages.firstChild;
    box.setAttribute('tabindex', '-1');
    box.focus();
  }

  if (creating) {
    fill({ name: '', description: '', category: '', tags: [], enabled: true, profiles: EXAMPLE_PROFILES });
    controls.name.focus();
  } else {
    api.get(api.toolPath(name))
      .then((reply) => { fill(reply.data); controls.description.focus(); })
      .catch((e) => replace(messages, notice('error', e.message)));
  }
}
