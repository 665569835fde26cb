import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { summarizeClaim } from '../src/domain/claimSummary';
import { isNo, isYes, plain } from '../src/domain/text';
import { DialogGroup } from '../src/runtime/dialogGroup';
import { QuestionDialog } from '../src/runtime/questionDialog';
import type { DialogServices } from './dialogServices';
import { type Answer, ask } from './prompting';

export const CONFIRM_DIALOG = 'confirmClaimDialog';
const ASK_CONFIRM = `${CONFIRM_DIALOG}.confirm`;
const ASK_CHANGE = `${CONFIRM_DIALOG}.change`;

export type ClaimField = 'product' | 'purchase' | 'proof' | 'problem' | 'conditions';
export type ConfirmResult = { confirmed: true } | { confirmed: false; change: ClaimField };

const FIELDS: Array<[ClaimField, string, RegExp]> = [
  ['product', 'Product', /\b(?:product|model|camera|dvr|nvr)\b/],
  ['purchase', 'Purchase date', /\b(?:date|bought|purchase[ds]?|when|day)\b/],
  ['proof', 'Proof of purchase', /\b(?:proof|receipt|invoice|order|upload|file)\b/],
  ['problem', 'Problem', /\b(?:problem|issue|wrong|fault|symptom)\b/],
  ['conditions', 'Conditions', /\b(?:condition|dropped|surge|accident|exclusion)\w*\b/],
];

/** Shows the summary and asks the customer to confirm it; "no" asks what to change. */
export class ConfirmClaimDialog extends DialogGroup {
  constructor(services: DialogServices) {
    super();
    this.add(
      new QuestionDialog<boolean, { claimId: string }>({
        id: ASK_CONFIRM,
        prompt: 'confirm',
        question: async ({ claimId }) => {
          const claim = await services.claims.get(claimId);
          const summary = claim ? summarizeClaim(claim, services.policy) : '';
          return ask('confirm', `Here's what I have:\n\n${summary}\n\nIs that right? Shall I submit it?`, [
            'Yes, submit',
            'No, change something',
          ]);
        },
        understand: (activity) => {
          const text = activity.text ?? '';
          if (isYes(text)) return { ok: true, value: true };
          if (isNo(text) || /\bchange\b|\bwrong\b|\bfix\b/.test(plain(text))) return { ok: true, value: false };
          return { ok: false, failure: 'unclear' };
        },
        rephrase: () =>
          ask('confirm', 'Shall I submit the claim as it is? Please answer "yes" or "no".', ['Yes, submit', 'No, change something']),
      }),
    );
    this.add(
      new QuestionDialog<ClaimField>({
        id: ASK_CHANGE,
        prompt: 'confirm',
        question: () =>
          ask(
            'confirm',
            'What should I change?',
            FIELDS.map(([, label]) => label),
          ),
        understand: (activity) => {
          const text = plain(activity.text);
          const field = FIELDS.find(([, label, cue]) => text.includes(label.toLowerCase()) || cue.test(text));
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

  /** Asks: what should change? (only after a "no") */
  private async askChange(step: WaterfallStepContext) {
    const answer = step.result as Answer<boolean>;
    if (answer.kind === 'gave_up' || answer.value) return step.endDialog({ confirmed: true } satisfies ConfirmResult);
    return step.beginDialog(ASK_CHANGE);
  }

  private async finish(step: WaterfallStepContext) {
    const answer = step.result as Answer<ClaimField>;
    if (answer.kind === 'gave_up') return step.endDialog({ confirmed: true } satisfies ConfirmResult);
    return step.endDialog({ confirmed: false, change: answer.value } satisfies ConfirmResult);
  }
}
