import { claimPath, post } from './api.js';
import { el } from './dom.js';
import { problemLine, reporting } from './problem.js';

/** The facts an agent may set right (POST /api/agent/claims/:id/corrections), and how each value is typed. */
const FIELDS = [
  { code: 'purchase_date', label: 'Purchase date', placeholder: 'YYYY-MM-DD', type: 'date' },
  { code: 'product', label: 'Product', placeholder: 'Model or description', type: 'text' },
  {
    code: 'proof_type',
    label: 'Proof kind',
    placeholder: 'receipt, invoice, purchase_order, order_confirmation, other, none',
    type: 'text',
  },
  { code: 'conditions', label: 'Conditions', placeholder: 'Exclusion codes, comma-separated (empty: none)', type: 'text' },
];

/** The decision the policy makes on the corrected facts, per claim: the decision panel pre-selects it until the agent decides. */
export const suggestions = new Map();

const typedValue = (field, text) =>
  field === 'conditions'
    ? text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : text.trim();

/** Who may correct a claim's facts (as the server's lifecycle says): the agent who holds the chat, or an admin while a person deals with it. */
export function mayCorrect(claim, ctx) {
  const isAdmin = ctx.me.role === 'admin';
  return (claim.status === 'with_agent' && ctx.mineNow) || (isAdmin && (claim.status === 'pending_agent' || claim.status === 'with_agent'));
}

/**
 * "Correct a fact": the agent who holds the chat, or an admin on a claim the assistant no longer runs. The
 * answer's suggested decision is kept for the decision panel; the decision stays the agent's act.
 * `ctx` is { id, me, mineNow, reloadAll }.
 */
export function correctionPanel(claim, ctx) {
  if (!mayCorrect(claim, ctx)) return '';
  const problem = problemLine();
  const value = el('input', { 'aria-label': 'Corrected value', type: 'date', placeholder: FIELDS[0].placeholder });
  const field = el(
    'select',
    {
      'aria-label': 'Fact to correct',
      onchange: () => {
        const f = FIELDS.find((x) => x.code === field.value);
        value.type = f.type;
        value.placeholder = f.placeholder;
        value.value = '';
      },
    },
    ...FIELDS.map((f) => el('option', { value: f.code, text: f.label })),
  );
  const submit = () =>
    void reporting(problem, async () => {
      const answer = await post(`${claimPath(ctx.id)}/corrections`, { field: field.value, value: typedValue(field.value, value.value) });
      suggestions.set(ctx.id, answer.suggested);
      await ctx.reloadAll();
    });
  const suggested = suggestions.get(ctx.id);
  return el(
    'div',
    { class: 'panel correction' },
    el('h3', { text: 'Correct a fact' }),
    field,
    value,
    el('button', { type: 'button', text: 'Correct', class: 'secondary', 'data-action': 'correct', onclick: submit }),
    suggested
      ? el('p', {
          class: 'suggested',
          id: 'suggested-decision',
          'data-suggested': suggested.outcome,
          text: `Suggested decision on the corrected facts: ${suggested.outcome}${suggested.reasons.length ? ` (${suggested.reasons.join(', ')})` : ''}`,
        })
      : '',
    problem,
  );
}
