// Who is signed in and what their role lets them do: GET /auth/me names the token's principal
// (a role token's role, a named token's name, a JWT's user) and role, and nothing else is asked.
import * as api from './api.js';

const ROLE_KEY = 'catalog.console.role';
const NAME_KEY = 'catalog.console.name';
// an approver may do all an editor may (and approve others' change requests)
const RANKS = { anonymous: 0, reader: 1, editor: 2, approver: 3, admin: 4 };
const listeners = new Set();

/** What each action needs: mutations (a revert, a rollout's moves too; approver when review is required, which the server checks) need editor; reload, import, rollback and schemas need admin. */
const NEEDS = { edit: 'editor', revert: 'editor', rollout: 'editor', import: 'admin', reload: 'admin', rollback: 'admin', schemas: 'admin' };

export function role() {
  return api.token() ? sessionStorage.getItem(ROLE_KEY) || 'reader' : 'anonymous';
}

/** The signed-in principal's name, as history records it for their writes. */
export function name() {
  return api.token() ? sessionStorage.getItem(NAME_KEY) || role() : '';
}

export function can(action) {
  return RANKS[role()] >= RANKS[NEEDS[action]];
}

/** Why an action is disabled, for its title. */
export function why(action) {
  return `Needs the ${NEEDS[action]} role; you are ${role()}`;
}

export function onChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed() {
  for (const listener of listeners) listener(role());
}

/** Checks a token and learns its role; throws the API's error (401 for an unknown token). */
export async function signIn(candidate) {
  const bearer = candidate.trim();
  const { data } = await api.get('/auth/me', undefined, { bearer });
  api.saveToken(bearer);
  sessionStorage.setItem(ROLE_KEY, RANKS[data.role] ? data.role : 'reader');
  sessionStorage.setItem(NAME_KEY, data.name || data.principal || '');
  changed();
  return role();
}

export function signOut() {
  api.forgetToken();
  sessionStorage.removeItem(ROLE_KEY);
  sessionStorage.removeItem(NAME_KEY);
  changed();
}

/** A 403 on an action means the role is lower than we thought: learn from it. */
export function refused(action) {
  const below = Object.keys(RANKS).filter((r) => RANKS[r] < RANKS[NEEDS[action]] && r !== 'anonymous').pop();
  if (api.token() && RANKS[role()] > RANKS[below]) {
    sessionStorage.setItem(ROLE_KEY, below);
    changed();
  }
}
