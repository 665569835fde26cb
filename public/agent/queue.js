import { apiAll } from './api.js';
import { byId, el } from './dom.js';
import { oneLine, waited } from './format.js';
import { session } from './session.js';
import { chatEndedLine } from './silence.js';
import { timerLine } from './timers.js';
import { handoffLabel } from './vocabulary.js';

const LIST_LIMIT = 500;

/** A claim nobody took within the re-offer time (the server's `waitingTooLong`) stands out, and says so in words. */
function waitingItem(c, on) {
  const since = `waiting ${waited(c.handoff.requestedAt || c.createdAt)}`;
  return el(
    'li',
    c.waitingTooLong ? { 'data-claim': c.id, class: 'waiting-too-long' } : { 'data-claim': c.id },
    el('div', { class: 'reason', text: handoffLabel(c.handoff.reason) || c.handoff.reason || 'Waiting' }),
    el('div', { class: 'meta', text: c.waitingTooLong ? `${since} · waiting too long` : since }),
    timerLine(c),
    el('div', { text: oneLine(c) }),
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'button', text: 'Accept', onclick: () => on.accept(c.id) }),
      el('button', { type: 'button', class: 'secondary', text: 'View', onclick: () => on.open(c.id) }),
    ),
  );
}

function mineItem(c, on) {
  return el(
    'li',
    c.handoff.chatEndedAt ? { 'data-claim': c.id, class: 'chat-ended' } : { 'data-claim': c.id },
    el('div', { text: oneLine(c) }),
    chatEndedLine(c),
    timerLine(c),
    el('div', { class: 'actions' }, el('button', { type: 'button', text: 'Open', onclick: () => on.open(c.id) })),
  );
}

/** Reads and shows the queue and the agent's own conversations (and returns both); `on` is { accept(id), open(id) }. */
export async function refreshLists(on) {
  const [queue, withAgents] = await Promise.all([
    apiAll(`/api/agent/queue?limit=${LIST_LIMIT}`),
    apiAll(`/api/agent/claims?status=with_agent&limit=${LIST_LIMIT}`),
  ]);
  byId('queue-count').textContent = String(queue.length);
  byId('queue').replaceChildren(...queue.map((c) => waitingItem(c, on)));
  if (!queue.length) byId('queue').append(el('li', { class: 'meta', text: 'Nobody is waiting.' }));
  const mine = withAgents.filter((c) => c.handoff.agent === session.me.username);
  byId('mine').replaceChildren(...mine.map((c) => mineItem(c, on)));
  return { queue, mine };
}
