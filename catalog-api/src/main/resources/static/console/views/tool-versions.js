// A tool's versions: pick any two for a side-by-side diff; roll back to any version; revert the
// revision that wrote a version; the open change requests that stage the tool.
import { h, replace, field, notice, confirmDialog, formatTime, badge } from '../dom.js';
import * as api from '../api.js';
import * as session from '../session.js';
import * as live from '../live.js';
import { documentLines, sideBySide } from '../diff.js';

const OPEN = ['draft', 'in_review', 'approved'];

export function render(root, { name }) {
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const list = h('tbody');
  const requests = h('ul', { class: 'links', dataset: { testid: 'tool-changes' } });
  const diffBox = h('div', { class: 'diff-box' });
  const left = h('select', { name: 'left', onchange: () => showDiff() });
  const right = h('select', { name: 'right', onchange: () => showDiff() });
  let versions = [];

  replace(root, h('section', { class: 'page' },
    h('div', { class: 'page-head' },
      h('h1', {}, 'Versions of ', h('span', { class: 'mono' }, name)),
      h('a', { class: 'button small', href: '#/tools' }, 'All tools')),
    messages,
    h('h2', {}, 'Open change requests'), requests,
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['Version', 'Operation', 'Revision', 'When', 'By', '', ''].map((t) => h('th', { scope: 'col' }, t)))),
      list)),
    h('h2', {}, 'Compare'),
    h('div', { class: 'filters' }, field('Left (older)', left), field('Right (newer)', right)),
    diffBox));

  async function load() {
    try {
      const reply = await api.get(api.toolPath(name, '/versions'), { limit: 100 });
      versions = reply.data.versions;
      const latest = versions[0]?.version;
      replace(list, versions.map((v) => h('tr', { dataset: { testid: 'version-row', version: v.version } },
        h('th', { scope: 'row', class: 'num' }, String(v.version), v.version === latest ? [' ', badge('ok', 'latest')] : null),
        h('td', {}, v.operation),
        h('td', { class: 'num' }, String(v.revision)),
        h('td', {}, formatTime(v.changed_at)),
        h('td', {}, v.changed_by || '—'),
        h('td', {}, h('button', {
          type: 'button', class: 'small', disabled: !session.can('rollback') || v.version === latest,
          title: session.can('rollback') ? null : session.why('rollback'),
          'aria-label': `Roll back ${name} to version ${v.version}`, dataset: { action: 'rollback' },
          onclick: () => rollback(v.version),
        }, 'Roll back to this')),
        h('td', {}, h('button', {
          type: 'button', class: 'small', disabled: !session.can('revert'),
          title: session.can('revert') ? `Undo everything revision ${v.revision} wrote` : session.why('revert'),
          dataset: { action: 'revert', revision: v.revision }, onclick: () => revert(v.revision),
        }, `Revert revision ${v.revision}`)))));
      const keep = [left.value, right.value];
      const options = () => versions.map((v) => h('option', { value: v.version }, `v${v.version} · ${v.operation} · ${formatTime(v.changed_at)}`));
      replace(left, options());
      replace(right, options());
      left.value = keep[0] && versions.some((v) => String(v.version) === keep[0]) ? keep[0] : String(versions[Math.min(1, versions.length - 1)].version);
      right.value = keep[1] && versions.some((v) => String(v.version) === keep[1]) ? keep[1] : String(latest);
      showDiff();
    } catch (e) {
      replace(messages, notice('error', e.message));
    }
  }

  function showDiff() {
    const a = versions.find((v) => String(v.version) === left.value);
    const b = versions.find((v) => String(v.version) === right.value);
    if (!a || !b) return;
    const rows = sideBySide(documentLines(a.tool), documentLines(b.tool));
    const changes = rows.filter((r) => r.kind !== 'same').length;
    const cell = (text, kind, side) => h('td', { class: `code ${kind === 'same' ? '' : side === 'left' ? (kind === 'added' ? 'blank' : 'del') : (kind === 'removed' ? 'blank' : 'add')}` }, text ?? '');
    replace(diffBox,
      h('p', { class: 'muted', dataset: { testid: 'diff-summary' } },
        changes ? `${changes} line${changes === 1 ? '' : 's'} differ between v${a.version} and v${b.version}.` : `v${a.version} and v${b.version} are the same.`),
      h('div', { class: 'table-wrap' }, h('table', { class: 'diff', dataset: { testid: 'diff' } },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, `v${a.version}`), h('th', { scope: 'col' }, `v${b.version}`))),
        h('tbody', {}, rows.map((r) => h('tr', { class: `diff-${r.kind}` }, cell(r.left, r.kind, 'left'), cell(r.right, r.kind, 'right')))))));
  }

  async function loadRequests() {
    try {
      const replies = await Promise.all(OPEN.map((state) => api.get('/change-requests', { state, limit: 200 })));
      const open = replies.flatMap((r) => r.data.change_requests).filter((cr) => cr.items.some((i) => i.name === name));
      replace(requests, open.length ? open.map((cr) => h('li', { dataset: { testid: 'tool-change', id: cr.id } },
        h('a', { href: `#/changes/${cr.id}` }, `#${cr.id} ${cr.title}`), ' ', badge('info', cr.state)))
        : h('li', { class: 'muted' }, 'None stages this tool.'));
    } catch (e) {
      replace(requests, h('li', { class: 'muted' }, e.status === 401
        ? 'Sign in to see the change requests that stage this tool.' : `Change requests could not be read: ${e.message}`));
    }
  }

  async function revert(revision) {
    if (!await confirmDialog(`Revert revision ${revision}?`,
      `Every tool revision ${revision} wrote goes back to its state just before it, as one new revision.`, 'Revert', false)) return;
    try {
      const reply = await api.post(`/revisions/${revision}/revert`);
      if (reply.status === 201) {
        replace(messages, notice('info', 'Review is required: the revert waits in ',
          h('a', { href: `#/changes/${reply.data.id}`, dataset: { testid: 'revert-request' } }, `change request #${reply.data.id}`), '.'));
        loadRequests();
        return;
      }
      const tools = reply.data.tools.map((t) => `${t.name} (${t.action})`).join(', ');
      replace(messages, notice('success', h('span', { dataset: { testid: 'revert-done', revision: reply.data.revision } },
        `Revision ${revision} reverted as revision ${reply.data.revision}: ${tools}.`)));
      live.seen(reply.data.revision);
    } catch (e) {
      if (e.status === 403) session.refused('revert');
      const conflicts = e.problem?.conflicts ? ` Changed since: ${e.problem.conflicts.join(', ')}.` : '';
      replace(messages, notice('error', h('span', { dataset: { testid: 'revert-refused', status: e.status } }, e.message + conflicts)));
    }
  }

  async function rollback(version) {
    if (!await confirmDialog(`Roll ${name} back to version ${version}?`,
      'This writes a new version with the content of the old one; every node applies it.', 'Roll back', false)) return;
    try {
      const reply = await api.post(api.toolPath(name, '/rollback'), { version });
      replace(messages, notice('success', `${name} rolled back to the content of version ${version}: now version ${reply.data.version} (revision ${reply.revision}).`));
      live.seen(reply.revision);
    } catch (e) {
      if (e.status === 403) session.refused('rollback');
      replace(messages, notice('error', e.message));
    }
  }

  load();
  loadRequests();
  return live.subscribe((event) => { if (event.type === 'change') { load(); loadRequests(); } });
}
