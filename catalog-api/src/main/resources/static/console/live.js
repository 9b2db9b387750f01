// The one module that knows how the console hears about changes. Views subscribe and re-read what
// they show; they never poll on their own.
//   {type: 'change', revision}  the node applied a new catalog revision
//   {type: 'tick'}              time passed: for what changes without a revision (reloads, heartbeats)
//
// How: the node's watch stream (GET /api/v1/watch, Server-Sent Events) from the revision the page
// started at; EventSource resumes by Last-Event-ID after a dropped connection by itself. EventSource
// cannot send an Authorization header, and the console never puts a token in a URL, so when reads
// need a token (or the stream cannot be opened) the revision is polled instead, with the bearer header.
import * as api from './api.js';

const POLL_MS = 1000;
const TICK_MS = 3000;

const listeners = new Set();
const statusListeners = new Set();
let revision = null;
let state = 'connecting';
let source = null;
let timers = [];
let started = false;
let generation = 0; // a start that a stop overtook while it awaited opens nothing

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

function polling() {
  timers.push(setInterval(poll, POLL_MS));
}

function stream() {
  source = new EventSource(`/api/v1/watch?since=${encodeURIComponent(revision)}`);
  const onEvent = (event) => {
    if (state !== 'live') setState('live');
    try {
      const data = JSON.parse(event.data);
      seen(data.revision);
    } catch (e) {
      console.warn('watch event not understood', event.type);
    }
  };
  source.addEventListener('change', onEvent);
  source.addEventListener('snapshot', onEvent);
  source.addEventListener('progress', onEvent);
  source.addEventListener('open', () => setState('live'));
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) { // refused, not merely dropped: poll from now on
      source = null;
      polling();
    } else {
      setState('reconnecting');
    }
  });
}

async function start() {
  if (started) return;
  started = true;
  const mine = ++generation;
  timers.push(setInterval(() => emit({ type: 'tick' }), TICK_MS));
  try {
    // Can the stream be read without a token? Ask the same way EventSource would: with none.
    const reply = await api.get('/tools', { limit: 1 }, { bearer: null });
    if (mine !== generation) return;
    seen(reply.revision);
    setState('live');
    if (window.EventSource) { stream(); return; }
  } catch (e) {
    if (mine !== generation) return;
    await poll();
    if (mine !== generation) return;
  }
  polling();
}

// A page left for another (or kept in the back/forward cache) must not keep its watch stream: the
// browser would hold that connection open, and at six connections to one node it queues every
// further request to it, the console's own scripts included. Closed on pagehide, reopened on pageshow.
window.addEventListener('pagehide', stop);
window.addEventListener('pageshow', (event) => { if (event.persisted) start(); });

function stop() {
  generation++;
  timers.forEach(clearInterval);
  timers = [];
  if (source) { source.close(); source = null; }
  started = false;
}

/** Start over (after sign-in or sign-out: what may be read without a token has not changed, but
 * a node that refused anonymous reads may now be polled with the token). */
export function restart() {
  stop();
  start();
}
