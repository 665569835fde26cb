import { claimPath, post } from './api.js';
import { suggestions } from './correctionPanel.js';
import { el } from './dom.js';
import { problemLine, reporting } from './problem.js';
import { reasonsFor } from './vocabulary.js';

const button = (text, onclick, props = {}) => el('button', { type: 'button', text, onclick, ...props });

/** Only the agent who holds the claim decides it; an admin may also close any open claim, or take one over, on the record. */
function allowFor(panel, claim, ctx) {
  for (const b of panel.querySelectorAll('button')) b.disabled = !ctx.mineNow;
  const isAdmin = ctx.me.role === 'admin';
  if (isAdmin && claim.status !== 'closed') panel.querySelector('[data-action="close"]').disabled = false;
  if (isAdmin && !ctx.mineNow && (claim.status === 'pending_agent' || claim.status === 'with_agent'))
    panel.prepend(button('Take over', ctx.act('take-over')));
}

/** After a correction, the policy's decision on the corrected facts is marked (and its reason chosen); the agent still clicks. */
function preselect(panel, refusals, suggested) {
  const button = suggested && panel.querySelector(`[data-outcome="${suggested.outcome}"]`);
  if (!button) return;
  button.classList.add('suggested');
  button.setAttribute('aria-describedby', 'suggested-decision');
  if (suggested.outcome === 'not_covered' && suggested.reasons[0]) refusals.value = suggested.reasons[0];
}

/** Decide, hand back or close; `ctx` is { id, mineNow, me, reloadAll }. A refusal is shown at the foot of the panel. */
export function decisionPanel(claim, ctx) {
  const problem = problemLine();
  const run = (request) => () =>
    reporting(problem, async () => {
      await request();
      await ctx.reloadAll();
    });
  const act = (path) => run(() => post(`${claimPath(ctx.id)}/${path}`));
  const note = el('input', { 'aria-label': 'Note for the decision', placeholder: 'Note (optional)' });
  const resolve = async (outcome, reasons) => {
    await post(`${claimPath(ctx.id)}/resolve`, { outcome, reasons, note: note.value || null });
    suggestions.delete(ctx.id);
  };
  const refusals = el(
    'select',
    { 'aria-label': 'Reason it is not covered' },
    ...reasonsFor('not_covered').map((r) => el('option', { value: r.code, text: r.label })),
  );
  const proofReasons = reasonsFor('awaiting_proof').map((r) => r.code);
  const panel = el(
    'div',
    { class: 'panel' },
    el('h3', { text: 'Decide' }),
    button(
      'Issue RMA (covered)',
      run(() => resolve('covered', [])),
      { 'data-outcome': 'covered' },
    ),
    refusals,
    button(
      'Not covered',
      run(() => resolve('not_covered', [refusals.value])),
      { class: 'danger', 'data-outcome': 'not_covered' },
    ),
    button(
      'Ask for proof (awaiting proof)',
      run(() => resolve('awaiting_proof', proofReasons)),
      { class: 'secondary', 'data-outcome': 'awaiting_proof' },
    ),
    note,
    button('Return to the assistant', act('return-to-bot'), { class: 'secondary' }),
    button('Close without a decision', act('close'), { class: 'secondary', 'data-action': 'close' }),
    problem,
  );
  allowFor(panel, claim, { ...ctx, act });
  preselect(panel, refusals, suggestions.get(ctx.id));
  return panel;
}
