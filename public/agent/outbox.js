/**
 * The Outbox: every mail to customers, newest first — what was sent, what waits, what failed and why —
 * and "Send again"; for admins, the addresses mail is kept from after a bounce, to lift.
 */
import { apiPage, post } from './api.js';
import { el } from './dom.js';
import { mailItem } from './mailItem.js';
import { mailWatch } from './mailWatch.js';
import { problemLine, reporting, reportingFailure } from './problem.js';
import { session } from './session.js';
import { suppressionsSection } from './suppressions.js';

const PAGE = 50;
const FILTERS = [
  ['', 'All mail'],
  ['waiting', 'Waiting'],
  ['sent', 'Sent'],
  ['failed', 'Failed'],
];
let status = ''; // the filter, kept while the agent looks at a claim and comes back
const lookAgain = mailWatch();

const firstPage = () => `/api/agent/outbox?limit=${PAGE}${status ? `&status=${encodeURIComponent(status)}` : ''}`;
const counted = (total) => `${total} ${status ? `${status} ` : ''}mail${total === 1 ? '' : 's'}`;

/**
 * Draws the Outbox into `where` and reads its first page; `on` is { open(claimId) }. It is read again
 * on Refresh, a new filter or a "Send again" (and a moment after that), and every 15 s while a mail
 * on its first page waits — unless the agent is reading further pages.
 */
export async function renderOutbox(where, on) {
  const problem = problemLine();
  const list = el('ul', { class: 'mails', id: 'outbox-list', 'aria-label': 'Mails in the outbox' });
  const summary = el('p', { class: 'meta', id: 'outbox-summary' });
  const more = el('button', { type: 'button', class: 'secondary', text: 'Show more', hidden: '' });
  let next = null;

  const actions = {
    retry: (mail) =>
      reporting(problem, async () => {
        await post(`/api/agent/outbox/${encodeURIComponent(mail.id)}/retry`);
        await read(true);
      }),
    open: on.open,
  };
  const show = (page) => {
    list.append(...page.items.map((m) => mailItem(m, actions)));
    if (!list.children.length) list.append(el('li', { class: 'meta', text: 'No mail here.' }));
    next = page.next;
    more.hidden = !next;
  };
  const read = async (soon = false) => {
    const page = await apiPage(firstPage());
    list.replaceChildren();
    show(page);
    summary.textContent = `${counted(page.total)} · read at ${new Date().toLocaleTimeString()}`;
    lookAgain(list, page.items, soon, () => reportingFailure(problem, () => read()));
  };
  more.addEventListener('click', () =>
    reporting(problem, async () => {
      lookAgain(list, [], false); // reading on from here: a refresh would take the agent back to the first page
      show(await apiPage(next));
    }),
  );

  const filter = el(
    'select',
    { id: 'outbox-filter', 'aria-label': 'Which mails' },
    ...FILTERS.map(([value, label]) => el('option', { value, text: label })),
  );
  filter.value = status;
  filter.addEventListener('change', () => {
    status = filter.value;
    return reporting(problem, () => read());
  });
  const suppressions = session.me?.role === 'admin' ? suppressionsSection() : null;
  const refresh = el('button', {
    type: 'button',
    class: 'secondary',
    text: 'Refresh',
    onclick: () => Promise.all([reporting(problem, () => read()), suppressions?.read()]),
  });
  where.replaceChildren(
    el(
      'section',
      { class: 'outbox', 'aria-labelledby': 'outbox-title' },
      el('div', { class: 'outbox-bar' }, el('h2', { id: 'outbox-title', text: 'Outbox' }), filter, refresh),
      el('p', { class: 'meta', text: 'Every email to customers: sent, waiting to go (and why it has not), or given up (and why).' }),
      summary,
      problem,
      list,
      more,
      suppressions ? suppressions.element : '',
    ),
  );
  await Promise.all([reporting(problem, () => read()), suppressions?.read()]);
}
