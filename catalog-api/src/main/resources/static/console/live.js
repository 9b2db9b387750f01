// The one module that knows how the console hears about changes. Views subscribe and re-read what
// they show; they never poll on their own.
//   {type: 'change', revision}  the node applied a new catalog revision
//   {type: 'tick'}              time passed: for what changes without a revision (reloads, heartbeats)
// How: the node's revision is polled (GET /tools?limit=1 carries it) every POLL_MS.
import * as api from './api.js';

const POLL_MS = 1000;
const TICK_MS = 3000;

const listeners = new Set();
const statusListeners = new Set();
let revision = null;
let state = 'connecting';
let timers = [];

export function subscribe(listener) {
  listeners.add(listener);
  start();
  return () => listeners.delete(listener);
}

export function onStatus(listener) {
  statusListeners.add(listener);
  listener(state, revision);
  start();
  return () => statusListeners.delete(listener);
}

export const currentRevision = () => revision;

function emit(event) {
  for (const listener of [...listeners]) {
    try { listener(event); } catch (e) { console.warn('live listener failed', e.message); }
  }
}

function setState(next) {
  state = next;
  for (const listener of statusListeners) listener(state, revision);
}

/** A revision learned elsewhere (a mutation's answer): views hear of it at once. */
export function seen(next) {
  if (next !== null && next !== undefined && (revision === null || next > revision)) {
    const first = revision === null;
    revision = next;
    setState(state);
    if (!first) emit({ type: 'change', revision });
  }
}

async function poll() {
  try {
    const reply = await api.get('/tools', { limit: 1 });
    if (state !== 'live') setState('live');
    seen(reply.revision);
  } catch (e) {
    setState(e.status === 401 ? 'signed-out' : 'offline');
  }
}

function start() {
  if (timers.length) return;
  poll();
  timers = [setInterval(poll, POLL_MS), setInterval(() => emit({ type: 'tick' }), TICK_MS)];
}

/** Restart from scratch (after sign-in: reads may now be allowed). */
export function restart() {
  timers.forEach(clearInterval);
  timers = [];
  start();
}
