import { el } from './dom.js';

const KINDS = { decision: 'Decision', transcript: 'Conversation copy', agent_reply: 'Agent’s email' };
const at = (iso) => (iso ? new Date(iso).toLocaleString() : '—');
const attempts = (n) => `${n} attempt${n === 1 ? '' : 's'}`;

/** When it went, or when it will be tried again, or that it was given up. */
function when(mail) {
  if (mail.status === 'sent') return `Sent ${at(mail.sentAt)}`;
  if (mail.status === 'failed') return `Queued ${at(mail.createdAt)}; given up`;
  return `Queued ${at(mail.createdAt)}; next try ${at(mail.nextAttemptAt)}`;
}

/** The last failure: why a mail failed or still waits; for a sent one, what went wrong before it went. */
function why(mail) {
  if (!mail.lastError) return '';
  const label = mail.status === 'sent' ? 'Earlier failure' : 'Why';
  return el('div', { class: 'why', text: `${label}: ${mail.lastError}` });
}

/**
 * One mail of the outbox: what, to whom, how it went and why. Everything in it comes from the server
 * (addresses, subjects, the mail server's answers) and is shown as text.
 * `actions` may hold { retry(mail), open(claimId) }: "Send again" on a failed mail, and a way to its claim.
 */
export function mailItem(mail, actions = {}) {
  const buttons = [];
  if (mail.status === 'failed' && actions.retry)
    buttons.push(el('button', { type: 'button', text: 'Send again', onclick: () => actions.retry(mail) }));
  if (actions.open)
    buttons.push(el('button', { type: 'button', class: 'secondary', text: 'Open the claim', onclick: () => actions.open(mail.claimId) }));
  return el(
    'li',
    { class: 'mail', 'data-mail': mail.id, 'data-status': mail.status },
    el(
      'div',
      { class: 'line' },
      el('strong', { text: KINDS[mail.kind] || mail.kind }),
      el('span', { class: 'status', text: mail.status }),
      el('span', { class: 'meta', text: attempts(mail.attempts) }),
    ),
    el('div', { class: 'subject', text: mail.subject }),
    el('div', { class: 'meta', text: `To ${mail.to} · asked by ${mail.requestedBy}` }),
    el('div', { class: 'meta', text: when(mail) }),
    why(mail),
    buttons.length ? el('div', { class: 'actions' }, ...buttons) : '',
  );
}
