import { el } from './dom.js';
import { actorName } from './format.js';
import { actionLabel, statusLabel } from './vocabulary.js';

const entryText = (e) =>
  `${new Date(e.at).toLocaleString()} — ${actionLabel(e.action)} by ${actorName(e)} (${statusLabel(e.from)} → ${statusLabel(e.to)})`;

/** The claim's audit trail: who changed it, how, when. */
export const historyPanel = (claim) =>
  el(
    'div',
    { class: 'panel' },
    el('h3', { text: 'History' }),
    el('ol', { class: 'audit' }, ...(claim.audit || []).map((e) => el('li', { text: entryText(e) }))),
  );
