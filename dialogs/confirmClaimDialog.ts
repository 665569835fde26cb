import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { FactName } from '../src/domain/claimFacts/claimFacts';
import { correctedFacts } from '../src/domain/claimFacts/correction';
import { readClaimFacts } from '../src/domain/claimFacts/readClaimFacts';
import { purchaseText, summarizeClaim } from '../src/domain/claimSummary';
import { isNo, isYes, plain } from '../src/domain/text';
import { DialogGroup } from '../src/runtime/dialogGroup';
import { QuestionDialog } from '../src/runtime/questionDialog';
import type { DialogServices } from './dialogServices';
import { type Answer, ask, say } from './prompting';

export const CONFIRM_DIALOG = 'confirmClaimDialog';
const ASK_CONFIRM = `${CONFIRM_DIALOG}.confirm`;
const ASK_CHANGE = `${CONFIRM_DIALOG}.change`;

export type ClaimField = 'product' | 'purchase' | 'proof' | 'problem' | 'conditions';
/**
 * The customer confirmed; or wants to change a fact (asked again); or corrected one in their
 * answer and the claim needs one more answer for it (the copy of a proof they have after all).
 */
export type ConfirmResult = { confirmed: true } | { confirmed: false; change: ClaimField } | { confirmed: false; corrected: true };
const ALL_FACTS: FactName[] = ['product', 'purchase', 'proof', 'problem', 'conditions'];
/** An answer to "is that right?": yes, no, or a correction that says the new value. */
type Confirmation = boolean | { corrects: FactName[] };

/** What the confirmation is begun with: the claim, and whether its purchase is past the window (then only the date is checked). */
export interface ConfirmOptions {
  claimId: string;
  outside?: boolean;
}

const FIELDS: Array<[ClaimField, string, RegExp]> = [
  ['product', 'Product', /\b(?:product|model|camera|dvr|nvr)\b/],
  ['purchase', 'Purchase date', /\b(?:date|bought|purchase[ds]?|when|day)\b/],
  ['proof', 'Proof of purchase', /\b(?:proof|receipt|invoice|order|upload|file)\b/],
  ['problem', 'Problem', /\b(?:problem|issue|wrong|fault|symptom)\b/],
  ['conditions', 'Conditions', /\b(?:condition|dropped|surge|accident|exclusion)\w*\b/],
];

/** Shows the summary and asks the customer to confirm it; "no" asks what to change. */
export class ConfirmClaimDialog extends DialogGroup {
  constructor(private readonly services: DialogServices) {
    super();
    this.add(
      new QuestionDialog<Confirmation, ConfirmOptions>({
        id: ASK_CONFIRM,
        prompt: 'confirm',
        question: async ({ claimId, outside }) => {
          const claim = await services.claims.get(claimId);
          if (claim && outside) {
            // a refusal rests on the date alone: the customer checks it before it is made
            const days = services.policy.window.days;
            return ask(
              'confirm',
              `Before I go on: you bought the ${claim.product.text || 'product'} ${claim.purchase.date ? 'on ' : ''}${purchaseText(claim)}. That's more than ${days} days before today, which is past the ${days}-day warranty. Is that date right?`,
              ['Yes, that’s right', 'No, the date is different'],
            );
          }
          const summary = claim ? summarizeClaim(claim, services.policy) : '';
          return ask('confirm', `Here's what I have:\n\n${summary}\n\nIs that right? Shall I submit it?`, [
            'Yes, submit',
            'No, change something',
          ]);
        },
        understand: async (activity, _context, { claimId }) => {
          const text = activity.text ?? '';
          // a plain "yes" / "yes, submit" carries no correction: no need to read it for facts
          if (isYes(text) && text.trim().split(/\s+/).length <= 3) return { ok: true, value: true };
          const corrects = await this.correctionsIn(text, claimId);
          if (corrects.length) return { ok: true, value: { corrects } };
          if (isYes(text)) return { ok: true, value: true };
          if (isNo(text) || /\bchange\b|\bwrong\b|\bfix\b/.test(plain(text))) return { ok: true, value: false };
          return { ok: false, failure: 'unclear' };
        },
        rephrase: (_attempt, _failure, options) =>
          options?.outside
            ? ask('confirm', 'Is that purchase date right? Please answer "yes" or "no" — or tell me the right date.', [
                'Yes, that’s right',
                'No, the date is different',
              ])
            : ask('confirm', 'Shall I submit the claim as it is? Please answer "yes" or "no".', ['Yes, submit', 'No, change something']),
      }),
    );
    this.add(
      new QuestionDialog<ClaimField | { corrects: FactName[] }, { claimId: string }>({
        id: ASK_CHANGE,
        prompt: 'confirm',
        question: () =>
          ask(
            'confirm',
            'What should I change?',
            FIELDS.map(([, label]) => label),
          ),
        understand: async (activity, _context, { claimId }) => {
          const text = plain(activity.text);
          const field = FIELDS.find(([, label, cue]) => text.includes(label.toLowerCase()) || cue.test(text));
          // "the purchase date - it was March 3rd": the new value comes with the field
          const corrects = await this.correctionsIn(activity.text ?? '', claimId, field?.[0]);
          if (corrects.length) return { ok: true, value: { corrects } };
          return field ? { ok: true, value: field[0] } : { ok: false, failure: 'unclear' };
        },
        rephrase: () =>
          ask(
            'confirm',
            'Which part: the product, the purchase date, the proof of purchase, the problem or the conditions?',
            FIELDS.map(([, l]) => l),
          ),
      }),
    );
    this.add(new WaterfallDialog(CONFIRM_DIALOG, [this.askConfirm.bind(this), this.askChange.bind(this), this.finish.bind(this)]));
  }

  /** Asks: is the summary right? */
  private async askConfirm(step: WaterfallStepContext) {
    return step.beginDialog(ASK_CONFIRM, step.options);
  }

  /** Asks: what should change? (only after a "no" that did not say the new value) */
  private async askChange(step: WaterfallStepContext) {
    const answer = step.result as Answer<Confirmation>;
    // past the window a refusal rests on the date alone: one the customer does not confirm is asked again
    if ((step.options as ConfirmOptions).outside && (answer.kind === 'gave_up' || answer.value === false)) {
      return step.endDialog({ confirmed: false, change: 'purchase' } satisfies ConfirmResult);
    }
    if (answer.kind === 'gave_up' || answer.value === true) return step.endDialog({ confirmed: true } satisfies ConfirmResult);
    if (typeof answer.value === 'object') return this.applyCorrection(step, answer.text, answer.value.corrects);
    return step.beginDialog(ASK_CHANGE, step.options);
  }

  private async finish(step: WaterfallStepContext) {
    const answer = step.result as Answer<ClaimField | { corrects: FactName[] }>;
    if (answer.kind === 'gave_up') return step.endDialog({ confirmed: true } satisfies ConfirmResult);
    if (typeof answer.value === 'object') return this.applyCorrection(step, answer.text, answer.value.corrects);
    return step.endDialog({ confirmed: false, change: answer.value } satisfies ConfirmResult);
  }

  /** The facts of an answer that correct the claim (only `field`'s when the customer named the field). */
  private async correctionsIn(text: string, claimId: string, field?: ClaimField): Promise<FactName[]> {
    const claim = await this.services.claims.get(claimId);
    if (!claim) return [];
    // "the purchase date - it was March 3rd": a date said for the date is the purchase date
    const asked = field === 'purchase' ? 'purchase' : null;
    const facts = readClaimFacts(text, { now: this.services.clock.now(), timeZone: claim.timeZone, policy: this.services.policy, asked });
    return correctedFacts(claim, facts, this.services.policy, field);
  }

  /**
   * Applies a late correction ("wait, it was March 3rd, not the 13th") without asking again
   * what it said, then shows the summary again — or, when the correction needs one more answer
   * (a copy of the proof the customer has after all), lets the claim dialog ask for it.
   */
  private async applyCorrection(step: WaterfallStepContext, text: string, corrects: FactName[]) {
    const { claimId } = step.options as { claimId: string };
    const claim = await this.services.claims.get(claimId);
    if (!claim) return step.endDialog({ confirmed: true } satisfies ConfirmResult);
    const asked = corrects.includes('purchase') ? 'purchase' : null;
    const facts = readClaimFacts(text, { now: this.services.clock.now(), timeZone: claim.timeZone, policy: this.services.policy, asked });
    const changed = await this.services.claims.recordFacts(claimId, facts, {
      correcting: true,
      skip: ALL_FACTS.filter((name) => !corrects.includes(name)),
    });
    await step.context.sendActivity(say(changed.length ? 'Thanks — I’ve changed that.' : 'OK.'));
    const updated = await this.services.claims.get(claimId);
    // past the window, only the date was checked: a new date goes back through the claim's questions
    if ((step.options as ConfirmOptions).outside && changed.length) {
      return step.endDialog({ confirmed: false, corrected: true } satisfies ConfirmResult);
    }
    if (updated?.proof.availability === 'has_now' && !updated.proof.files.length) {
      return step.endDialog({ confirmed: false, corrected: true } satisfies ConfirmResult);
    }
    return step.replaceDialog(CONFIRM_DIALOG, step.options);
  }
}
