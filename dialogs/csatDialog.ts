import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { isNo, plain } from '../src/domain/text';
import { DialogGroup } from '../src/runtime/dialogGroup';
import { QuestionDialog } from '../src/runtime/questionDialog';
import type { DialogServices } from './dialogServices';
import { type Answer, ask, say } from './prompting';

export const CSAT_DIALOG = 'csatDialog';
const ASK_SCORE = `${CSAT_DIALOG}.score`;
const ASK_COMMENT = `${CSAT_DIALOG}.comment`;
const STARS = ['1', '2', '3', '4', '5'];
const WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  terrible: 1,
  awful: 1,
  bad: 2,
  poor: 2,
  ok: 3,
  okay: 3,
  fine: 3,
  good: 4,
  great: 5,
  excellent: 5,
  perfect: 5,
};

/** Reads a 1-5 rating; null when the customer skips. */
export function readScore(text: string): number | null | undefined {
  const t = plain(text);
  if (isNo(t) || /\b(?:skip|no thanks|pass)\b/.test(t)) return null;
  const digit = /\b([1-5])\b|([1-5])\s*(?:\/\s*5|stars?|⭐)/.exec(t);
  if (digit) return Number(digit[1] ?? digit[2]);
  const stars = (text.match(/⭐|★/g) ?? []).length;
  if (stars >= 1 && stars <= 5) return stars;
  const word = Object.keys(WORDS).find((w) => new RegExp(`\\b${w}\\b`).test(t));
  return word ? WORDS[word] : undefined;
}

/** "How did we do?": a 1-5 rating and an optional comment, stored on the claim. */
export class CsatDialog extends DialogGroup {
  constructor(private readonly services: DialogServices) {
    super();
    this.add(
      new QuestionDialog<number | null>({
        id: ASK_SCORE,
        prompt: 'csat',
        question: () => ask('csat', 'How did we do? Please rate this chat from 1 (poor) to 5 (great).', STARS),
        understand: (activity) => {
          const score = readScore(activity.text ?? '');
          return score === undefined ? { ok: false, failure: 'unclear' } : { ok: true, value: score };
        },
        rephrase: () => ask('csat', 'Just a number from 1 to 5, please — or "skip".', STARS),
        maxAttempts: 2,
      }),
    );
    this.add(
      new QuestionDialog<string | null>({
        id: ASK_COMMENT,
        prompt: 'csatComment',
        question: () => ask('csatComment', 'Thank you! Anything you’d like to add? (optional)', ['No thanks']),
        understand: (activity) => ({ ok: true, value: isNo(activity.text ?? '') ? null : (activity.text ?? '').trim() || null }),
        rephrase: () => ask('csatComment', 'Anything you’d like to add?'),
      }),
    );
    this.add(new WaterfallDialog(CSAT_DIALOG, [this.askScore.bind(this), this.askComment.bind(this), this.thank.bind(this)]));
  }

  /** Asks: how did we do (1-5)? */
  private async askScore(step: WaterfallStepContext) {
    return step.beginDialog(ASK_SCORE);
  }

  /** Asks: anything to add? (only after a rating) */
  private async askComment(step: WaterfallStepContext) {
    const { claimId } = step.options as { claimId: string };
    const answer = step.result as Answer<number | null>;
    if (answer.kind === 'gave_up' || answer.value === null) {
      await step.context.sendActivity(say(`No problem. Thanks for contacting ${this.services.policy.brand} support!`));
      return step.endDialog();
    }
    await this.services.claims.recordCsat(claimId, answer.value, null);
    return step.beginDialog(ASK_COMMENT);
  }

  private async thank(step: WaterfallStepContext) {
    const { claimId } = step.options as { claimId: string };
    const answer = step.result as Answer<string | null>;
    if (answer.kind === 'understood' && answer.value) await this.services.claims.recordCsat(claimId, null, answer.value);
    await step.context.sendActivity(say(`Thanks for your feedback, and for contacting ${this.services.policy.brand} support!`));
    return step.endDialog();
  }
}
