// Import: upload (or paste) a catalog in JSON or YAML, preview what a dry run would do, then apply.
import { h, replace, field, notice } from '../dom.js';
import * as api from '../api.js';
import * as session from '../session.js';
import * as live from '../live.js';

export function render(root) {
  const allowed = session.can('import');
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const preview = h('div', { class: 'preview', 'aria-live': 'polite' });
  const file = h('input', { type: 'file', name: 'file', accept: '.json,.yaml,.yml,application/json,application/yaml',
    onchange: () => readFile() });
  const text = h('textarea', { name: 'content', rows: 14, class: 'code', spellcheck: 'false',
    placeholder: '{"tools": [ … ]}  or  tools:\n  - name: grep\n    …', oninput: () => invalidate() });
  const mode = h('select', { name: 'mode', onchange: () => invalidate() },
    h('option', { value: 'merge' }, 'merge: create and update the tools listed'),
    h('option', { value: 'replace' }, 'replace: also delete every tool not listed'));
  const dryRun = h('button', { type: 'button', class: 'primary', disabled: !allowed, onclick: () => send(true),
    title: allowed ? null : session.why('import'), dataset: { testid: 'import-preview-button' } }, 'Preview (dry run)');
  const apply = h('button', { type: 'button', class: 'danger', disabled: true, onclick: () => send(false),
    title: allowed ? 'Preview first' : session.why('import'), dataset: { testid: 'import-apply-button' } }, 'Apply import');
  let fileType = null;
  let previewed = null;

  replace(root, h('section', { class: 'page narrow' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Import')),
    h('p', { class: 'lead' }, 'An import is all or nothing: one transaction, one revision, applied by every node. ',
      'It takes the shape of an export (', h('a', { href: '/api/v1/tools/export', download: 'catalog.json' }, 'download the current catalog'), ').'),
    allowed ? null : notice('info', session.why('import')),
    messages,
    h('form', { class: 'editor', onsubmit: (e) => e.preventDefault() },
      field('File (JSON or YAML)', file, { name: 'file' }),
      field('…or paste it here', text, { name: 'body' }),
      field('Mode', mode, { name: 'mode' }),
      h('div', { class: 'actions' }, dryRun, apply)),
    preview));

  function invalidate() {
    previewed = null;
    apply.disabled = true;
    replace(preview);
  }

  async function readFile() {
    const chosen = file.files[0];
    if (!chosen) return;
    fileType = /\.ya?ml$/i.test(chosen.name) ? 'application/yaml' : /\.json$/i.test(chosen.name) ? 'application/json' : null;
    text.value = await chosen.text();
    invalidate();
  }

  function contentType(content) {
    return fileType || (/^\s*[{[]/.test(content) ? 'application/json' : 'application/yaml');
  }

  async function send(dry) {
    replace(messages);
    for (const el of root.querySelectorAll('.field-error')) el.textContent = '';
    const content = text.value;
    const key = `${mode.value}\n${content}`;
    if (!dry && previewed !== key) return;
    try {
      const reply = await api.request('/tools/import', {
        method: 'POST', params: { mode: mode.value, dry_run: dry },
        raw: { bytes: content, type: contentType(content) },
      });
      showResult(reply.data, dry);
      if (dry) {
        previewed = key;
        apply.disabled = false;
        apply.title = null;
      } else {
        previewed = null;
        apply.disabled = true;
        replace(messages, notice('success', `Imported: revision ${reply.data.revision}.`));
        live.seen(reply.revision);
      }
    } catch (e) {
      if (e.status === 403) session.refused('import');
      const slot = root.querySelector('[data-error-for="body"]');
      if (e.field && e.status === 400) {
        slot.textContent = `${e.field}: ${e.detail}`;
        replace(messages, notice('error', 'The import was refused; nothing was written.'));
      } else {
        replace(messages, notice('error', e.message));
      }
      invalidate();
    }
  }

  function showResult(result, dry) {
    const stat = (label, value, kind) => h('div', { class: `stat stat-${kind}`, dataset: { testid: `import-${label}` } },
      h('span', { class: 'stat-value' }, String(value)), h('span', { class: 'stat-label' }, label));
    replace(preview, h('div', { class: 'card', dataset: { testid: dry ? 'import-preview' : 'import-result' } },
      h('h2', {}, dry ? 'Dry run: nothing written yet' : 'Applied'),
      h('div', { class: 'stats' },
        stat('created', result.created, 'add'), stat('updated', result.updated, 'change'),
        stat('deleted', result.deleted, 'del'), stat('unchanged', result.unchanged, 'same')),
      h('p', { class: 'muted' }, dry
        ? `${result.imported} tools read. Apply to write them as revision ${result.revision + 1} or later.`
        : `${result.imported} tools imported as revision ${result.revision}.`)));
    const card = preview.firstChild;
    card.setAttribute('tabindex', '-1');
    card.focus();
  }
}
