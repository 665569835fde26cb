/**
 * The date readings agents corrected in the period (GET /api/agent/corrections): the customer's words,
 * the assistant's reading and the agent's. Should the list not load, the count from the stats stands.
 */
import { el } from './dom.js';

/**
 * Fills the corrections section: `count` from the stats, the list when the server gives one, unless
 * another period was asked for meanwhile (`current()` is false then).
 */
export async function showCorrections({ count, query, token, where, current = () => true }) {
  where.count.textContent = `${count} in this period.`;
  where.list.replaceChildren();
  const response = await fetch(`/api/agent/corrections?${query}`, { headers: { Authorization: `Bearer ${token}` } }).catch(() => null);
  const body = response?.ok ? await response.json().catch(() => null) : null;
  const items = Array.isArray(body) ? body : Array.isArray(body?.items) ? body.items : [];
  if (!current()) return;
  if (items.length === 0) {
    where.list.append(el('li', { class: 'empty', text: 'none' }));
    return;
  }
  // what the customer said, what the assistant read, what the agent set right
  for (const item of items) {
    const when = typeof item.at === 'string' ? item.at.slice(0, 10) : '';
    where.list.append(
      el(
        'li',
        {},
        el('q', { text: item.customerWords ?? '(no words kept)' }),
        el('span', { text: ` — read as ${item.oldValue ?? 'nothing'}, corrected to ${item.newValue ?? 'nothing'}` }),
        el('span', { class: 'muted', text: ` by ${item.agent ?? '?'} on ${when} (claim ${String(item.claimId ?? '').slice(0, 8)})` }),
      ),
    );
  }
}
