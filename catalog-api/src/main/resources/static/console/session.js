// Who is signed in and what their role lets them do. The API has no "who am I" endpoint, and the
// console adds none: the role is learned from the API's own answers. Each probe below is a request
// the server refuses before doing anything: a role too low gets 403 from the security check, a role
// high enough gets past it and is refused with 400 by the handler's own argument check (an If-Match
// that is not a version, a rollback to version 0). Nothing is read from or written to the database.
import * as api from './api.js';

const ROLE_KEY = 'catalog.console.role';
const RANKS = { anonymous: 0, reader: 1, editor: 2, admin: 3 };
const listeners = new Set();

/** What each action needs: mutations need editor; reload, import and rollback need admin. */
const NEEDS = { edit: 'editor', import: 'admin', reload: 'admin', rollback: 'admin' };

export function role() {
  return api.token() ? sessionStorage.getItem(ROLE_KEY) || 'reader' : 'anonymous';
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

async function passes(probe) {
  try {
    await probe();
    return true;
  } catch (e) {
    if (e.status === 403) return false;
    if (e.status === 400) return true;
    throw e;
  }
}

/** Checks a token and learns its role; throws the API's error (401 for an unknown token). */
export async function signIn(candidate) {
  const bearer = candidate.trim();
  await api.get('/tools', { limit: 1 }, { bearer });
  const probeName = '-console-role-probe';
  const editor = await passes(() => api.patch(api.toolPath(probeName, '/enable'), null,
    { bearer, headers: { 'If-Match': 'role-probe' } }));
  const admin = editor && await passes(() => api.post(api.toolPath(probeName, '/rollback'), { version: 0 }, undefined,
    { bearer }));
  api.saveToken(bearer);
  sessionStorage.setItem(ROLE_KEY, admin ? 'admin' : editor ? 'editor' : 'reader');
  changed();
  return role();
}

export function signOut() {
  api.forgetToken();
  sessionStorage.removeItem(ROLE_KEY);
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
