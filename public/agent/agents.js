/**
 * The Agents view (admins only): every account with its display name, role, capacity and whether it
 * may sign in; a form to add a colleague; on each row, edit, disable or enable, and a new password.
 * The server's refusals (a taken username, a short password, the last admin) are shown as it words them.
 */
import { api, post } from './api.js';
import { el } from './dom.js';
import { problemLine, reporting, say } from './problem.js';

const agentPath = (username) => `/api/agent/agents/${encodeURIComponent(username)}`;
/** The capacity box: empty for the server's default (AGENT_CAPACITY). */
const capacityOf = (input) => (input.value.trim() === '' ? null : Number(input.value));
const capacityText = (capacity) => (capacity === null ? 'default' : String(capacity));

function roleSelect(id, role) {
  const select = el(
    'select',
    { id, name: 'role' },
    el('option', { value: 'agent', text: 'agent' }),
    el('option', { value: 'admin', text: 'admin' }),
  );
  select.value = role;
  return select;
}

const field = (label, input) => el('label', { class: 'field' }, label, input);

/** The add form; `added` runs once the server made the account. */
function addForm(problem, added) {
  const username = el('input', { id: 'new-username', name: 'username', autocomplete: 'off', required: '' });
  const displayName = el('input', { id: 'new-display-name', name: 'displayName', required: '', maxlength: '80' });
  const password = el('input', { id: 'new-password', name: 'password', type: 'password', autocomplete: 'new-password', required: '' });
  const role = roleSelect('new-role', 'agent');
  const capacity = el('input', { id: 'new-capacity', name: 'capacity', type: 'number', min: '1', max: '50', placeholder: 'default' });
  const form = el(
    'form',
    { id: 'add-agent', class: 'add-agent', 'aria-labelledby': 'add-agent-title' },
    el('h3', { id: 'add-agent-title', text: 'Add an agent' }),
    field('Username', username),
    field('Display name', displayName),
    field('Password (at least 8 characters)', password),
    field('Role', role),
    field('Capacity (open chats; empty for the default)', capacity),
    el('button', { type: 'submit', text: 'Add agent' }),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void reporting(problem, async () => {
      await post('/api/agent/agents', {
        username: username.value.trim(),
        displayName: displayName.value,
        password: password.value,
        role: role.value,
        ...(capacity.value.trim() ? { capacity: Number(capacity.value) } : {}),
      });
      form.reset();
      say(problem, '');
      await added();
    });
  });
  return form;
}

/** What an admin is asked before disabling an account: what happens to it and to its open chats. */
function disableQuestion(agent) {
  const n = agent.openChats ?? 0;
  const chats =
    n === 0 ? 'They have no open chats.' : `Their ${n} open chat${n === 1 ? '' : 's'} go${n === 1 ? 'es' : ''} back to the queue.`;
  return `Disable ${agent.displayName} (${agent.username})? They are signed out and cannot sign in. ${chats}`;
}

/** One account: what it is, and what an admin can do to it (edit, disable/enable, new password). */
function agentRow(agent, me, act) {
  const enabled = agent.disabledAt === null;
  const displayName = el('input', {
    name: 'displayName',
    value: agent.displayName,
    maxlength: '80',
    'aria-label': `Display name of ${agent.username}`,
  });
  const role = roleSelect(`role-${agent.username}`, agent.role);
  role.setAttribute('aria-label', `Role of ${agent.username}`);
  const capacity = el('input', {
    name: 'capacity',
    type: 'number',
    min: '1',
    max: '50',
    placeholder: 'default',
    value: agent.capacity === null ? '' : String(agent.capacity),
    'aria-label': `Capacity of ${agent.username}`,
  });
  const password = el('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'new-password',
    'aria-label': `New password for ${agent.username}`,
  });
  const edit = el(
    'form',
    { class: 'edit-agent' },
    field('Display name', displayName),
    field('Role', role),
    field('Capacity', capacity),
    el('button', { type: 'submit', text: 'Save' }),
  );
  edit.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(() =>
      api(agentPath(agent.username), {
        method: 'PATCH',
        body: JSON.stringify({ displayName: displayName.value, role: role.value, capacity: capacityOf(capacity) }),
      }),
    );
  });
  const reset = el(
    'form',
    { class: 'reset-password' },
    field('New password', password),
    el('button', { type: 'submit', class: 'secondary', text: 'Set password' }),
  );
  reset.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(() => post(`${agentPath(agent.username)}/password`, { password: password.value }));
  });
  const toggle = el('button', {
    type: 'button',
    class: enabled ? 'danger' : 'secondary',
    text: enabled ? 'Disable' : 'Enable',
    onclick: () => {
      // disabling gives the agent's customers to others: the admin says yes knowing how many
      if (enabled && !window.confirm(disableQuestion(agent))) return;
      void act(() => post(`${agentPath(agent.username)}/${enabled ? 'disable' : 'enable'}`));
    },
  });
  return el(
    'li',
    { class: `agent${enabled ? '' : ' disabled'}`, 'data-username': agent.username },
    el(
      'div',
      { class: 'line' },
      el('strong', { text: agent.username }),
      ' ',
      el('span', { text: agent.displayName }),
      ' · ',
      el('span', { class: 'role', text: agent.role }),
      ' · ',
      el('span', { class: 'capacity', text: `capacity ${capacityText(agent.capacity)}` }),
      ' · ',
      el('span', { class: 'state', text: enabled ? 'enabled' : 'disabled' }),
      ' · ',
      el('span', { class: 'seats', text: `${agent.openChats}/${agent.effectiveCapacity} chats` }),
      agent.username === me ? el('span', { class: 'meta', text: ' (you)' }) : '',
    ),
    el('details', {}, el('summary', { text: 'Edit' }), edit, reset),
    el('div', { class: 'actions' }, toggle),
  );
}

/** Draws the Agents view into `where` and reads the accounts; `me` is the signed-in admin's username. */
export async function renderAgents(where, me) {
  const problem = problemLine();
  problem.id = 'agents-problem';
  const list = el('ul', { class: 'agents', id: 'agent-list', 'aria-label': 'Agents' });
  const read = async () => {
    const { items } = await api('/api/agent/agents');
    list.replaceChildren(...items.map((agent) => agentRow(agent, me, act)));
  };
  /** An admin's action on a row: the server's refusal is shown; the list is read again either way. */
  const act = (action) =>
    void reporting(problem, async () => {
      try {
        await action();
      } finally {
        await read().catch(() => undefined);
      }
    });
  where.replaceChildren(
    el('section', { class: 'agents-view', 'aria-label': 'Agents' }, el('h2', { text: 'Agents' }), problem, list, addForm(problem, read)),
  );
  await read();
}
