import { byId, el } from './dom.js';

/** A place to tell the agent what went wrong; hidden while nothing has, so the page looks the same. */
export const problemLine = () => el('p', { class: 'error', role: 'alert', hidden: '' });

/** The console's own line under the header, for what has no panel of its own (accepting from the queue, reloading). */
export const pageProblem = () => byId('problem');

export function say(where, message) {
  where.textContent = message;
  where.hidden = !message;
}

/** Runs one of the agent's actions; if it fails, the server's explanation is shown in `where` rather than lost. */
export async function reporting(where, action) {
  say(where, '');
  await reportingFailure(where, action);
}

/** As `reporting`, for work the agent did not ask for (a reload after a live update): it never hides an earlier error. */
export async function reportingFailure(where, action) {
  try {
    await action();
  } catch (error) {
    say(where, error.message);
  }
}
