import { apiPage, claimPath, post } from './api.js';
import { el } from './dom.js';
import { mailItem } from './mailItem.js';
import { mailWatch } from './mailWatch.js';
import { problemLine, reporting, reportingFailure, say } from './problem.js';

/** Said beside every email an agent writes: the customer's answer goes to a mailbox nobody reads into the chat. */
export const NOT_IN_CHAT = 'Replies to this email do not come back into this chat. The customer gets a link back to the conversation.';
const SHOWN = 20;

/** Where the server sends the claim's mail: the customer's address, else the one left for a call-back. */
export const addressOf = (claim) => claim.customer.email || claim.handoff.callbackEmail || null;

/** The claim's latest mails, newest first. */
export const loadClaimMails = (id) => apiPage(`${claimPath(id)}/email?limit=${SHOWN}`);

/** Claim id → the email being written: a live update draws the claim again, and must not lose it. */
const drafts = new Map();
let justSent = null; // the claim whose email was just sent: its list is looked at again soon
const lookAgain = mailWatch();

function fillList(list, mails, actions) {
  list.replaceChildren(...mails.items.map((m) => mailItem(m, actions)));
  if (!mails.items.length && !mails.error) list.append(el('li', { class: 'meta', text: 'No email sent to this customer yet.' }));
  if (mails.total > mails.items.length)
    list.append(el('li', { class: 'meta', text: `The latest ${mails.items.length} of ${mails.total}; the Outbox has them all.` }));
}

function whyNoForm(claim, ctx, to) {
  if (!to) return 'No email address is known for this customer (they left none), so they cannot be emailed.';
  const taken = claim.status === 'with_agent' && claim.handoff.agent !== ctx.me.username && ctx.me.role !== 'admin';
  return taken ? `${claim.handoff.agent} has this claim: they answer the customer.` : null;
}

/** Writing to the customer: the text, Send email, and the failure if the server refuses (the text stays). */
function emailForm(ctx, to, problem) {
  const input = el('textarea', { id: 'email-text', rows: '4', 'aria-label': 'Email to the customer', placeholder: `Write to ${to}…` });
  input.value = drafts.get(ctx.id) || '';
  input.addEventListener('input', () => drafts.set(ctx.id, input.value));
  const send = el('button', { type: 'button', text: 'Send email' });
  send.addEventListener('click', () =>
    reporting(problem, async () => {
      if (!input.value.trim()) return;
      send.disabled = true;
      try {
        await post(`${claimPath(ctx.id)}/email`, { text: input.value });
      } finally {
        send.disabled = false;
      }
      drafts.delete(ctx.id);
      justSent = ctx.id;
      // the words are in the chat and the notes now, too
      ctx.reload();
    }),
  );
  return [input, send];
}

/**
 * "Email the customer" (only when the server sends mail): where it goes, what it cannot do, the form,
 * and the claim's mails with how each went. Offered without accepting the claim — a customer who left
 * is answered this way — unless another agent has it. `ctx` is { id, me, reload }.
 */
export function emailPanel(claim, mails, ctx) {
  const to = addressOf(claim);
  const problem = problemLine();
  const list = el('ul', { class: 'mails', id: 'claim-mails', 'aria-label': 'Emails to this customer' });
  const actions = {
    retry: (mail) =>
      reporting(problem, async () => {
        await post(`/api/agent/outbox/${encodeURIComponent(mail.id)}/retry`);
        show(await loadClaimMails(ctx.id), true);
      }),
  };
  const read = () => reportingFailure(problem, async () => show(await loadClaimMails(ctx.id), false));
  const show = (now, soon) => {
    fillList(list, now, actions);
    lookAgain(list, now.items, soon, read);
  };
  show(mails, justSent === ctx.id);
  justSent = null;
  if (mails.error) say(problem, mails.error);
  const refusal = whyNoForm(claim, ctx, to);
  return el(
    'section',
    { class: 'panel email', 'aria-labelledby': 'email-title' },
    el('h3', { id: 'email-title', text: 'Email the customer' }),
    to ? el('p', {}, 'To ', el('strong', { id: 'email-to', text: to })) : '',
    el('p', { class: 'note', id: 'email-note', text: NOT_IN_CHAT }),
    ...(refusal ? [el('p', { class: 'meta', id: 'email-unavailable', text: refusal })] : emailForm(ctx, to, problem)),
    problem,
    el('h4', { text: 'Emails to this customer' }),
    list,
  );
}
