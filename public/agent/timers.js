/** A claim's response timers (the API's computed `timers`) as a line the agent can see at a glance. */
import { el } from './dom.js';

/** The lists are read again this often while signed in, so a timer's warning shows without any event. */
export const TIMERS_REFRESH_MS = 30_000;

const STATES = { ok: 'on time', warning: 'due soon', missed: 'missed' };
const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * '' when the claim has no timers; otherwise e.g. "First response due soon · by 17:15" with the state as its style.
 * A claim in the queue shows its wait target (one back in the queue may already have a first response).
 */
export function timerLine(claim) {
  const timers = claim.timers;
  if (!timers || !Object.hasOwn(STATES, timers.state)) return '';
  const what = claim.status === 'pending_agent' ? 'Wait' : 'First response';
  const due = timers.dueAt ? ` · ${timers.state === 'missed' ? 'was due' : 'by'} ${clock(timers.dueAt)}` : '';
  return el('div', { class: `timer timer-${timers.state}`, 'data-timer': timers.state, text: `${what} ${STATES[timers.state]}${due}` });
}
