/** The agent API: the bearer token, the error body `{error:{code,message}}` turned into an Error with that message. */
import { session } from './session.js';

let sessionEnded = () => {};
/** What to do when the server no longer accepts the token (signed out elsewhere, expired). */
export function whenSessionEnds(handler) {
  sessionEnded = handler;
}

const authorization = () => ({ Authorization: `Bearer ${session.token}` });
export const claimPath = (id) => `/api/agent/claims/${encodeURIComponent(id)}`;

async function reach(path, options) {
  try {
    return await fetch(path, options);
  } catch {
    throw new Error('The server could not be reached. Check the connection and try again.');
  }
}

/** The server's own message for a refused request, or its status when it sent none. */
async function refusal(response) {
  const body = await response.json().catch(() => null);
  return new Error(body?.error?.message || `Request failed (${response.status})`);
}

/** An authenticated request; resolves to the response only when it succeeded. */
async function authorized(path, options = {}) {
  const response = await reach(path, { ...options, headers: { ...authorization(), ...(options.headers || {}) } });
  if (response.status === 401) {
    sessionEnded();
    throw new Error('Your session has ended; please sign in again.');
  }
  if (!response.ok) throw await refusal(response);
  return response;
}

/** GET (or any method) returning the JSON body, or null when there is none. */
export async function api(path, options = {}) {
  const headers = options.body ? { 'Content-Type': 'application/json' } : {};
  const response = await authorized(path, { ...options, headers: { ...headers, ...(options.headers || {}) } });
  return response.headers.get('content-type')?.includes('json') ? response.json() : null;
}

/** POST, with a JSON body when one is given. */
export const post = (path, body) => api(path, body === undefined ? { method: 'POST' } : { method: 'POST', body: JSON.stringify(body) });

/**
 * One page of a list: its items, the path of the next page (the API names it in a Link header; null
 * on the last page) and how many there are in all (X-Total-Count).
 */
export async function apiPage(path) {
  const response = await authorized(path);
  const items = await response.json();
  const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') || '')?.[1] || null;
  return { items, next, total: Number(response.headers.get('x-total-count') ?? items.length) };
}

/** Every page of a list. */
export async function apiAll(path) {
  const items = [];
  let next = path;
  while (next) {
    const page = await apiPage(next);
    items.push(...page.items);
    next = page.next;
  }
  return items;
}

/** Exchanges a username and password for a token; a refusal throws with the server's reason. */
export async function signIn(username, password) {
  const response = await reach('/api/agent/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body?.error?.message || 'Sign-in failed.');
  return body.token;
}

/** Revokes the token on the server; the agent is signed out here whatever the answer. */
export function revokeToken() {
  if (session.token) fetch('/api/agent/logout', { method: 'POST', headers: authorization() }).catch(() => {});
}
