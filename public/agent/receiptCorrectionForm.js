import { claimPath, post } from './api.js';
import { el } from './dom.js';
import { problemLine, reporting } from './problem.js';

/** What the file says now: the agent's reading if there is one, else the reader's. */
function current(file) {
  if (file.agentReading) return file.agentReading;
  const facts = file.reading?.status === 'read' ? file.reading.facts : null;
  return {
    purchaseDate: facts?.purchaseDate?.date ?? null,
    seller: facts?.seller?.seller ?? null,
    models: [...new Set((facts?.models ?? []).map((m) => m.model))],
  };
}

/**
 * "Correct the reading": what the receipt really says, filled in with what it is read as now
 * (POST …/corrections, field `receipt`); the correction is recorded and noted on the claim.
 */
export function receiptCorrectionForm(file, ctx) {
  const now = current(file);
  const problem = problemLine();
  const date = el('input', { type: 'date', 'aria-label': 'Receipt date', value: now.purchaseDate ?? '' });
  const seller = el('input', { type: 'text', 'aria-label': 'Seller', placeholder: 'Seller', value: now.seller ?? '', maxlength: '200' });
  const models = el('input', {
    type: 'text',
    'aria-label': 'Models',
    placeholder: 'Models, comma-separated',
    value: now.models.join(', '),
  });
  const save = () =>
    void reporting(problem, async () => {
      const value = {
        fileId: file.id,
        purchaseDate: date.value || null,
        seller: seller.value.trim() || null,
        models: models.value
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean),
      };
      await post(`${claimPath(ctx.id)}/corrections`, { field: 'receipt', value });
      await ctx.reloadAll();
    });
  return el(
    'details',
    { class: 'reading-correction' },
    el('summary', { text: 'Correct the reading' }),
    date,
    seller,
    models,
    el('button', { type: 'button', class: 'secondary', text: 'Save the reading', onclick: save }),
    problem,
  );
}
