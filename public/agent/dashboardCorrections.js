/**
 * The date readings agents corrected in the period. The list comes from GET /api/agent/corrections
 * (issue 21, another part); until a server has it (404), only the count from the stats is shown.
 */
import { el } from './dom.js';

/** Fills the corrections section: `count` from the stats, the list when the server gives one. */
export async function showCorrections({ count, query, token, where }) {
  where.count.textContent = `${count} in this period.`;
  where.list.replaceChildren();
  const response = await fetch(`/api/agent/corrections?${query}`, { headers: { Authorization: `Bearer ${token}` } }).catch(() => null);
  const body = response?.ok ? await response.json().catch(() => null) : null;
  const items = Array.isArray(body) ? body : Array.isArray(body?.items) ? body.items : [];
  if (items.length === 0) {
    where.list.append(el('li', { class: 'empty', text: 'none' }));
    return;
  }
  // each correction's plain fields as they come (who, when, the customer's words, the old and new reading)
  for (const item of items) {
    const fields = Object.entries(item).filter(([, value]) => value === null || typeof value !== 'object');
    where.list.append(
      el('li', {}, el('dl', {}, ...fields.flatMap(([key, value]) => [el('dt', { text: key }), el('dd', { text: String(value) })]))),
    );
  }
}
