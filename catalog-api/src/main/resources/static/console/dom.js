// The one way the console builds DOM: elements and text nodes, never markup from strings.
// Data from users (names, descriptions, reasons) is always text.

/**
 * h('tr', {dataset: {testid: 'tool-row'}, class: 'row'}, 'text', child, [more])
 * Attributes: class, dataset, on<event> (functions), boolean properties, everything else via setAttribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    else if (key === 'checked' || key === 'disabled' || key === 'selected' || key === 'hidden') el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let ids = 0;
/** A labelled form control: label, the control, and the place its error goes (aria-describedby). */
export function field(label, control, { hint, name } = {}) {
  const id = control.id || `f${++ids}`;
  control.id = id;
  const error = h('p', { class: 'field-error', id: `${id}-error`, role: 'alert', dataset: { errorFor: name || '' } });
  control.setAttribute('aria-describedby', `${id}-error`);
  if (name) control.dataset.field = name;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('p', { class: 'hint' }, hint) : null,
    error);
}

/** A message strip: kind is info, success, warning or error. */
export function notice(kind, ...children) {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...children);
}

/** A modal confirmation (native dialog: focus trapped, Escape cancels). Resolves true or false. */
export function confirmDialog(title, message, confirmLabel = 'Confirm', danger = true) {
  return new Promise((resolve) => {
    const ok = h('button', { type: 'submit', class: danger ? 'danger' : 'primary', value: 'ok' }, confirmLabel);
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dialog-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'dialog-title' }, title),
        h('p', {}, message),
        h('div', { class: 'actions' },
          h('button', { type: 'submit', value: 'cancel' }, 'Cancel'),
          ok)));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
    ok.focus();
  });
}

/**
 * A modal asking for one line of text (native dialog). Resolves the text (maybe empty) or null when
 * cancelled. The input is named `name`, so a test or a label can find it.
 */
export function promptDialog(title, message, label, { name = 'reason', confirmLabel = 'Confirm', danger = true } = {}) {
  return new Promise((resolve) => {
    const input = h('input', { type: 'text', name, autocomplete: 'off', maxlength: 500 });
    const ok = h('button', { type: 'submit', class: danger ? 'danger' : 'primary', value: 'ok' }, confirmLabel);
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dialog-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'dialog-title' }, title),
        h('p', {}, message),
        field(label, input, { name }),
        h('div', { class: 'actions' },
          // a plain button: Enter in the input submits with the default (first) submit button, which is ok
          h('button', { type: 'button', value: 'cancel', onclick: () => dialog.close('cancel') }, 'Cancel'),
          ok)));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok' ? input.value.trim() : null);
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}

/** An ISO-8601 duration (PT1H30M, PT10M, PT0S) as people write it: 1h30m, 10m, 0s. */
export function formatDuration(iso) {
  if (iso === null || iso === undefined) return '—';
  const m = String(iso).match(/^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/);
  if (!m) return String(iso);
  const [, d, hours, minutes, seconds] = m;
  const parts = [d && `${d}d`, hours && `${hours}h`, minutes && `${minutes}m`, seconds && Number(seconds) && `${Number(seconds)}s`]
    .filter(Boolean);
  return parts.length ? parts.join('') : '0s';
}

export function formatTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function formatMs(ms) {
  if (ms === null || ms === undefined) return '—';
  return ms < 10 ? `${Number(ms).toFixed(2)} ms` : `${Math.round(ms)} ms`;
}

export function badge(kind, text) {
  return h('span', { class: `badge badge-${kind}` }, text);
}
