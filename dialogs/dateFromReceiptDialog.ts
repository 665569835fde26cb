import type { TurnContext } from 'botbuilder';
import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { spokenDay } from '../src/domain/calendar';
import type { ProofFile } from '../src/domain/claim';
import { readPurchaseDate } from '../src/domain/dates/readPurchaseDate';
import { isDoubtful, isNo, isYes } from '../src/domain/text';
import { DialogGroup } from '../src/runtime/dialogGroup';
import { QuestionDialog } from '../src/runtime/questionDialog';
import type { DialogServices } from './dialogServices';
import { handOffAndEnd } from './handOff';
import { type Answer, ask, say, type Understood } from './prompting';
import { PROOF_DIALOG, type ProofOptions } from './proofOfPurchaseDialog';
import { settleReadings } from './settleReadings';

export const DATE_FROM_RECEIPT_DIALOG = 'dateFromReceiptDialog';
const ASK_RECEIPT_DAY = `${DATE_FROM_RECEIPT_DIALOG}.confirm`;

export interface DateFromReceiptOptions {
  claimId: string;
}
interface ReceiptDay {
  claimId: string;
  date: string;
}

/** How much longer than a decision this offer waits for a reading under way (RECEIPT_READ_WAIT_MS × 5: 15 s by default). */
const OFFER_WAIT_FACTOR = 5;

/**
 * The customer cannot say when they bought it: before a person is brought in for the date, the
 * proof of purchase is asked for (unless the claim has a file already) and the date read from it
 * offered for confirmation — "Your receipt is dated March 3, 2026 — is that when you bought it?".
 * Yes → that is their date; no, no file, or no date on it → the hand-off as before
 * (ambiguous_purchase_date). Needs the proof dialog registered beside it (the claim dialog's).
 */
export class DateFromReceiptDialog extends DialogGroup {
  constructor(private readonly services: DialogServices) {
    super();
    this.add(
      new QuestionDialog<boolean, ReceiptDay>({
        id: ASK_RECEIPT_DAY,
        prompt: 'purchaseDateReceipt',
        question: ({ date }) =>
          ask('purchaseDateReceipt', `Your receipt is dated ${spokenDay(date)} — is that when you bought it?`, ['Yes', 'No']),
        understand: (activity, context, { date }) => this.understand(activity.text ?? '', date, context),
        rephrase: (_attempt, _failure, { date }) =>
          ask('purchaseDateReceipt', `Did you buy it on ${spokenDay(date)}, the date on your receipt? Yes or no?`, ['Yes', 'No']),
        maxAttempts: 2,
      }),
    );
    this.add(
      new WaterfallDialog(DATE_FROM_RECEIPT_DIALOG, [this.proofFirst.bind(this), this.offerDate.bind(this), this.finish.bind(this)]),
    );
  }

  private async proofFirst(step: WaterfallStepContext) {
    const { claimId } = step.options as DateFromReceiptOptions;
    const claim = await this.services.claims.get(claimId);
    if (claim?.proof.files.length) return step.next();
    await step.context.sendActivity(say('No problem — the date is on your receipt, so I can read it from there.'));
    return step.beginDialog(PROOF_DIALOG, { claimId } satisfies ProofOptions);
  }

  private async offerDate(step: WaterfallStepContext) {
    const { claimId } = step.options as DateFromReceiptOptions;
    // the customer waits for this answer, not for a decision: a photo read by OCR may take several seconds
    const claim = await this.services.claims.get(claimId);
    const read = (f: ProofFile) => f.reading !== undefined || f.agentReading !== undefined;
    if (this.services.readings && claim?.proof.files.some((f) => !read(f)))
      await step.context.sendActivity(say('One moment — I’m reading the date on your receipt.'));
    const waitMs = this.services.readings && this.services.readings.waitMs * OFFER_WAIT_FACTOR;
    const date = (await settleReadings(this.services, claimId, waitMs))?.proof.receipt?.purchaseDate;
    if (!date) return this.handOff(step);
    return step.beginDialog(ASK_RECEIPT_DAY, { claimId, date } satisfies ReceiptDay);
  }

  private async finish(step: WaterfallStepContext) {
    const { claimId } = step.options as DateFromReceiptOptions;
    const answer = step.result as Answer<boolean>;
    const date = (await this.services.claims.get(claimId))?.proof.receipt?.purchaseDate;
    if (answer.kind === 'gave_up' || !answer.value || !date) return this.handOff(step);
    await this.services.claims.acceptReceiptDate(claimId, date);
    return step.endDialog({ status: 'ok' });
  }

  private understand(text: string, date: string, context: TurnContext): Understood<boolean> {
    if (isNo(text)) return { ok: true, value: false };
    // "not March 3", "sure, no idea": a yes applies the policy to the receipt's date, so only a plain one counts
    if (isDoubtful(text)) return { ok: false, failure: 'unclear' };
    if (isYes(text)) return { ok: true, value: true };
    const said = readPurchaseDate(text, this.services.clock.now(), this.services.timeZoneOf(context), {
      windowDays: this.services.policy.window.days,
    });
    if (said.date === date) return { ok: true, value: true };
    return { ok: false, failure: 'unclear' };
  }

  private handOff(step: WaterfallStepContext) {
    return handOffAndEnd(step, this.services, (step.options as DateFromReceiptOptions).claimId, 'ambiguous_purchase_date');
  }
}
