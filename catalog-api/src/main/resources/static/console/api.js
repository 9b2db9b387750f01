// The console's only door to the node: fetch, the bearer token and problem+json errors.
// The token lives in sessionStorage (gone with the tab), travels only in the Authorization header,
// and is never put in a URL or written to the console.

const TOKEN_KEY = 'catalog.console.token';
const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem.title || '';
    this.detail = problem.detail || '';
    this.field = problem.field || null;
    this.problem = problem;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function saveToken(value) {
  sessionStorage.setItem(TOKEN_KEY, value);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

function url(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') query.append(key, String(value));
  }
  const qs = query.toString();
  return BASE + path + (qs ? `?${qs}` : '');
}

/**
 * One request. Resolves {status, data, revision, etag, headers} for 2xx and 304; rejects with an
 * ApiError carrying the server's problem+json (status, detail, field) otherwise.
 * options: {method, params, body (object → JSON), raw: {bytes, type}, headers, bearer (override)}.
 */
export async function request(path, options = {}) {
  const headers = new Headers(options.headers || {});
  headers.set('Accept', 'application/json');
  const bearer = options.bearer !== undefined ? options.bearer : token();
  if (bearer) headers.set('Authorization', `Bearer ${bearer}`);
  let body;
  if (options.raw) {
    headers.set('Content-Type', options.raw.type);
    body = options.raw.bytes;
  } else if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.body);
  }
  let response;
  try {
    response = await fetch(url(path, options.params), {
      method: options.method || 'GET', headers, body, cache: 'no-store', credentials: 'omit',
    });
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: 'The node did not answer; is it running?' });
  }
  const revision = Number(response.headers.get('X-Catalog-Revision'));
  const type = response.headers.get('Content-Type') || '';
  const text = response.status === 204 || response.status === 304 ? '' : await response.text();
  let data = null;
  if (text && type.includes('json')) {
    try { data = JSON.parse(text); } catch (e) { data = null; }
  }
  if (response.ok || response.status === 304) {
    return {
      status: response.status, data, revision: Number.isFinite(revision) ? revision : null,
      etag: response.headers.get('ETag'), headers: response.headers,
    };
  }
  const problem = data && typeof data === 'object' ? data : { title: response.statusText, detail: text };
  const error = new ApiError(response.status, problem);
  error.etag = response.headers.get('ETag');
  throw error;
}

export const get = (path, params, extra = {}) => request(path, { ...extra, params });
export const post = (path, params, body, extra = {}) => request(path, { ...extra, method: 'POST', params, body });
export const put = (path, body, extra = {}) => request(path, { ...extra, method: 'PUT', body });
export const patch = (path, params, extra = {}) => request(path, { ...extra, method: 'PATCH', params });
export const del = (path, params, extra = {}) => request(path, { ...extra, method: 'DELETE', params });

/** The If-Match header for a tool at version v. */
export const ifMatch = (version) => ({ 'If-Match': `"${version}"` });

/** The path of a tool, its name escaped. */
export const toolPath = (name, suffix = '') => `/tools/${encodeURIComponent(name)}${suffix}`;
