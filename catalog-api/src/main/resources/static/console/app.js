// The shell: sign-in, the node's live status, and a hash router that shows one view at a time.
import { h, replace, notice } from './dom.js';
import * as session from './session.js';
import * as live from './live.js';

const routes = [
  [/^#\/tools\/new$/, 'tool-edit', () => ({ name: null })],
  [/^#\/tools\/([^/]+)\/edit$/, 'tool-edit', (m) => ({ name: decodeURIComponent(m[1]) })],
  [/^#\/tools\/([^/]+)\/versions$/, 'tool-versions', (m) => ({ name: decodeURIComponent(m[1]) })],
  [/^#\/history$/, 'history', () => ({})],
  [/^#\/cluster$/, 'cluster', () => ({})],
  [/^#\/import$/, 'import', () => ({})],
  [/^#\/reload$/, 'reload', () => ({})],
  [/^#\/schemas$/, 'schemas', () => ({})],
  [/^#\/changes\/(\d+)$/, 'changes', (m) => ({ id: m[1] })],
  [/^#\/rollouts\/(\d+)$/, 'rollouts', (m) => ({ id: m[1] })],
  [/^#\/rollouts$/, 'rollouts', () => ({})],
  [/^#\/changes$/, 'changes', () => ({})],
  [/^#\/tools(\?.*)?$/, 'tools', () => ({})],
];

const view = document.getElementById('view');
let cleanup = null;
let renderCount = 0;

async function show() {
  const hash = location.hash || '#/tools';
  const [, name, params] = routes
    .map(([pattern, module, args]) => { const m = hash.match(pattern); return m && [m, module, args(m)]; })
    .find(Boolean) || [null, 'tools', {}];
  const current = ++renderCount;
  if (cleanup) { cleanup(); cleanup = null; }
  for (const tab of document.querySelectorAll('.tabs a')) {
    const active = tab.dataset.route === name.replace(/^tool-.*/, 'tools');
    if (active) tab.setAttribute('aria-current', 'page'); else tab.removeAttribute('aria-current');
  }
  try {
    const module = await import(`./views/${name}.js`);
    if (current !== renderCount) return;
    replace(view);
    cleanup = module.render(view, params) || null;
  } catch (e) {
    replace(view, notice('error', `This view failed to load: ${e.message}`));
  }
}

function renderAccount() {
  const account = document.getElementById('account');
  if (session.role() !== 'anonymous') {
    replace(account,
      h('span', { class: 'who' }, 'Signed in as ',
        h('strong', { dataset: { testid: 'principal' } }, session.name()), ' · ',
        h('span', { class: 'role', dataset: { testid: 'role', role: session.role() } }, session.role())),
      h('button', { type: 'button', onclick: () => session.signOut() }, 'Sign out'));
    return;
  }
  const input = h('input', {
    type: 'password', id: 'token', name: 'token', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'Bearer token', required: true, dataset: { testid: 'token-input' },
  });
  const error = h('span', { class: 'signin-error', role: 'alert', id: 'signin-error' });
  input.setAttribute('aria-describedby', 'signin-error');
  const form = h('form', { class: 'signin', onsubmit: async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      await session.signIn(input.value);
      live.restart();
    } catch (e) {
      error.textContent = e.status === 401 ? 'This token is not valid' : e.message;
      input.focus();
    }
  } },
  h('label', { for: 'token', class: 'visually-hidden' }, 'Bearer token'),
  input,
  h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
  error);
  replace(account, form);
}

function renderStatus(state, revision) {
  const labels = { live: 'live', connecting: 'connecting…', reconnecting: 'reconnecting…', offline: 'node unreachable', 'signed-out': 'sign in to read' };
  replace(document.getElementById('node-status'),
    h('span', { class: `dot dot-${state}`, 'aria-hidden': 'true' }),
    h('span', {}, labels[state] || state),
    revision !== null ? h('span', { class: 'revision' }, ' · revision ', h('strong', { dataset: { testid: 'node-revision' } }, String(revision))) : null);
}

session.onChange(() => { renderAccount(); show(); });
live.onStatus(renderStatus);
window.addEventListener('hashchange', show);
renderAccount();
show();
