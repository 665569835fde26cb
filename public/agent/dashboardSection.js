/**
 * One part of the dashboard: a chart (Chart.js, loaded by the page as window.Chart) and under it a table
 * with the same numbers, for screen readers and for copying. Labels are the server's words and go in as
 * text only (canvas text or textContent), never as HTML.
 */
import { el } from './dom.js';

const COLOURS = ['#0a58a8', '#1f6f43', '#ffb300', '#a40e26', '#78909c', '#6a1b9a', '#00838f', '#ef6c00'];

/** A bar chart's value axis for counts: from zero, whole numbers only. */
const COUNTS = { beginAtZero: true, ticks: { precision: 0 } };

/**
 * A card with a title, a bar (or doughnut) chart of `rows` ([label, value] pairs) and their table.
 * `format` writes a value in the table; `empty` is said instead when there are no rows; `axis` is a
 * bar chart's value axis (Chart.js options).
 */
export function chartSection({
  id,
  title,
  rows,
  valueHeader,
  kind = 'bar',
  format = String,
  empty = 'None in this period.',
  axis = COUNTS,
}) {
  const heading = el('h2', { id: `${id}-title`, text: title });
  const card = el('section', { class: 'card', id, 'aria-labelledby': heading.id }, heading);
  if (rows.length === 0) {
    card.append(el('p', { class: 'empty', text: empty }));
    return { card, draw: () => null };
  }
  const canvas = el('canvas', { role: 'img', 'aria-label': `${title}: chart; the table below has the same numbers` });
  card.append(el('div', { class: 'chart' }, canvas), numbersTable(title, valueHeader, rows, format));
  // drawn once the card is in the page (Chart.js sizes the canvas to its box)
  const draw = () =>
    new window.Chart(canvas, {
      type: kind,
      data: {
        labels: rows.map(([label]) => label),
        datasets: [
          { label: valueHeader, data: rows.map(([, value]) => value), backgroundColor: rows.map((_, i) => COLOURS[i % COLOURS.length]) },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: kind !== 'bar' } },
        ...(kind === 'bar' ? { scales: { y: axis } } : {}),
      },
    });
  return { card, draw };
}

function numbersTable(title, valueHeader, rows, format) {
  return el(
    'table',
    {},
    el('caption', { class: 'visually-hidden', text: title }),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'What' }), el('th', { scope: 'col', text: valueHeader }))),
    el(
      'tbody',
      {},
      ...rows.map(([label, value]) =>
        el('tr', {}, el('th', { scope: 'row', text: label }), el('td', { class: 'number', text: format(value) })),
      ),
    ),
  );
}
