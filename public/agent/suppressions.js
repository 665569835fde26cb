/**
 * The addresses mail is kept from (admins only, in the Outbox): the mail server said the mailbox does
 * not exist, so nothing goes there until the date shown. An admin lifts one when the customer says
 * the address works now; their failed mail can then be sent again.
 */
import { api, apiPage } from './api.js';
import { el } from './dom.js';
import { problemLine, reporting } from './problem.js';

const PAGE = 50;
const FIRST_PAGE = `/api/agent/suppressions?limit=${PAGE}`;
const at = (iso) => new Date(iso).toLocaleDateString();

/** One address: which, why (the mail server's answer, as text), since and until when, and "Lift". */
function suppressionItem(suppression, lift) {
  return el(
    'li',
    { class: 'mail', 'data-address': suppression.address, 'data-status': 'failed' },
    el('div', { class: 'line' }, el('strong', { text: suppression.address })),
    el('div', { class: 'why', text: `Why: ${suppression.reason}` }),
    el('div', { class: 'meta', text: `Since ${at(suppression.createdAt)}; mail may go again from ${at(suppression.expiresAt)}` }),
    el('div', { class: 'actions' }, el('button', { type: 'button', class: 'secondary', text: 'Lift', onclick: () => lift(suppression) })),
  );
}

/** The section, and `read()` to read it again (the Outbox's Refresh does). */
export function suppressionsSection() {
  const problem = problemLine();
  const list = el('ul', { class: 'mails', id: 'suppression-list', 'aria-label': 'Addresses kept from mail' });
  const summary = el('p', { class: 'meta', id: 'suppression-summary' });
  const more = el('button', { type: 'button', class: 'secondary', text: 'Show more', hidden: '' });
  let next = null;

  const lift = (suppression) =>
    reporting(problem, async () => {
      await api(`/api/agent/suppressions/${encodeURIComponent(suppression.address)}`, { method: 'DELETE' });
      await read();
    });
  const show = (page) => {
    list.append(...page.items.map((s) => suppressionItem(s, lift)));
    if (!list.children.length) list.append(el('li', { class: 'meta', text: 'No address is kept from mail.' }));
    next = page.next;
    more.hidden = !next;
  };
  const read = async () => {
    const page = await apiPage(FIRST_PAGE);
    list.replaceChildren();
    show(page);
    summary.textContent = `${page.total} address${page.total === 1 ? '' : 'es'}`;
  };
  more.addEventListener('click', () => reporting(problem, async () => show(await apiPage(next))));

  const element = el(
    'section',
    { class: 'suppressions', 'aria-labelledby': 'suppressions-title' },
    el('h3', { id: 'suppressions-title', text: 'Addresses kept from mail' }),
    el('p', {
      class: 'meta',
      text: 'The mail server said these mailboxes do not exist, so nothing is sent to them for a while. Lift one when the customer says the address works now, then send their failed mail again.',
    }),
    summary,
    problem,
    list,
    more,
  );
  return { element, read: () => reporting(problem, read) };
}
