import { claimPath, post } from './api.js';
import { el } from './dom.js';
import { problemLine, reporting } from './problem.js';

/** Agents' private notes on a claim; `ctx` is { id, reload }. */
export function notesPanel(notes, ctx) {
  const input = el('input', { 'aria-label': 'Private note', placeholder: 'Private note (agents only)' });
  const problem = problemLine();
  const addNote = async () => {
    if (!input.value.trim()) return;
    await post(`${claimPath(ctx.id)}/notes`, { text: input.value });
    ctx.reload();
  };
  return el(
    'div',
    { class: 'panel' },
    el('h3', { text: 'Private notes' }),
    el('ul', { class: 'notes' }, ...notes.map((n) => el('li', { text: `${n.author}: ${n.text}` }))),
    input,
    el('button', { type: 'button', class: 'secondary', text: 'Add note', onclick: () => reporting(problem, addNote) }),
    problem,
  );
}
