/** Who is signed in. The token lives in sessionStorage: a reload keeps the agent signed in, a new tab does not. */
const KEY = 'qsee.agent.token';

export const session = {
  token: sessionStorage.getItem(KEY),
  /** the agent from /api/agent/me: username, displayName, role */
  me: null,
};

export function keepToken(token) {
  session.token = token;
  sessionStorage.setItem(KEY, token);
}

export function forgetToken() {
  session.token = null;
  session.me = null;
  sessionStorage.removeItem(KEY);
}
