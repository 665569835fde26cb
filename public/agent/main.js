/** The agent console: sign-in, then the workspace. Everything shown is built with textContent (see dom.js). */
import { api, revokeToken, signIn, whenSessionEnds } from './api.js';
import { byId } from './dom.js';
import { connectFeed, disconnectFeed } from './feed.js';
import { loadMailSettings } from './mailSettings.js';
import { hideNotificationControls, setUpNotifications } from './notifications.js';
import { pageProblem, reporting, say } from './problem.js';
import { forgetToken, keepToken, session } from './session.js';
import { forgetUnread, setTitle } from './unread.js';
import { brand, loadVocabulary } from './vocabulary.js';
import { forgetWorkspace, liveUpdates, openFromOutside, showAgents, showLists, showOutbox } from './workspace.js';

function show(view) {
  byId('login-view').hidden = view !== 'login';
  byId('console-view').hidden = view !== 'console';
  byId('logout').hidden = view !== 'console';
}

function signOut() {
  revokeToken();
  forgetToken();
  disconnectFeed();
  forgetWorkspace();
  forgetUnread();
  hideNotificationControls();
  byId('who').textContent = '';
  byId('show-dashboard').hidden = true;
  say(pageProblem(), '');
  show('login');
}
whenSessionEnds(signOut);

/** The policy's brand, as the server names it. */
function showBrand() {
  byId('brand').textContent = brand();
  setTitle(`${brand()} agent console`);
}

async function enter() {
  session.me = await api('/api/agent/me');
  await loadVocabulary();
  // no Outbox and no email panel on a server that sends no mail
  byId('show-outbox').hidden = !(await loadMailSettings());
  byId('show-agents').hidden = session.me.role !== 'admin';
  byId('show-dashboard').hidden = session.me.role !== 'admin';
  showBrand();
  byId('who').textContent = `${session.me.displayName} (${session.me.role})`;
  show('console');
  setUpNotifications(openFromOutside);
  await showLists();
  connectFeed(liveUpdates);
}

async function logIn(e) {
  e.preventDefault();
  byId('login-error').textContent = '';
  try {
    keepToken(await signIn(byId('username').value, byId('password').value));
    await enter();
  } catch (error) {
    byId('login-error').textContent = error.message;
  }
}

byId('login-form').addEventListener('submit', logIn);
byId('logout').addEventListener('click', signOut);
byId('show-outbox').addEventListener('click', () => reporting(pageProblem(), showOutbox));
byId('show-agents').addEventListener('click', () => reporting(pageProblem(), showAgents));

if (session.token) enter().catch(() => show('login'));
else show('login');
