/** A claim's response timers (the API's computed `timers`) as a line the agent can see at a glance. */
import { el } from './dom.js';

/** The lists are read again this often while signed in, so a timer's warning shows without any event. */
export const TIMERS_REFRESH_MS = 30_000;

const STATES = { ok: 'on time', warning: 'due soon', missed: 'missed' };
const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** '' when the claim has no timers; otherwise e.g. "First response due soon · by 17:08" with the state as its style. */
export function timerLine(timers) {
  if (!timers || !Object.hasOwn(STATES, timers.state)) return '';
  const what = timers.firstResponseSeconds === null ? 'Wait' : 'First response';
  const due = timers.dueAt ? ` · ${timers.state === 'missed' ? 'was due' : 'by'} ${clock(timers.dueAt)}` : '';
  return el('div', { class: `timer timer-${timers.state}`, 'data-timer': timers.state, text: `${what} ${STATES[timers.state]}${due}` });
}
