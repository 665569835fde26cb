import type { Activity, TurnContext } from 'botbuilder';
import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { isoDay, localToday, spokenDay, spokenMonthDay } from '../src/domain/calendar';
import type { Claim } from '../src/domain/claim';
import { readPurchaseDate } from '../src/domain/dates/readPurchaseDate';
import { receiptAgreesWithStated } from '../src/domain/receipts/receiptAgreement';
import { readReceiptAnswer } from '../src/domain/receipts/receiptAnswer';
import { DialogGroup } from '../src/runtime/dialogGroup';
import { QuestionDialog } from '../src/runtime/questionDialog';
import type { DialogServices } from './dialogServices';
import { handOffAndEnd } from './handOff';
import { type Answer, ask, type Understood } from './prompting';

export const RECEIPT_DATE_DIALOG = 'receiptDateDialog';
const ASK_WHICH = `${RECEIPT_DATE_DIALOG}.which`;

export interface ReceiptDateOptions {
  claimId: string;
  receiptDate: string;
  /** the customer's date as the question names it, and as its button says it */
  stated: { short: string; button: string };
  /** the receipt's date as the question names it: with its year when the years differ */
  receiptShort: string;
}
type Which = 'receipt' | 'stated';

/** The question's options for a claim whose receipt shows `receiptDate`. */
export function receiptDateOptions(claim: Claim, receiptDate: string): ReceiptDateOptions {
  const { purchase } = claim;
  // "Your receipt shows February 20 — you said February 20" for two dates a year apart: the years decide
  const year = (iso: string) => iso.slice(0, 4);
  if (purchase.date) {
    const short = year(purchase.date) === year(receiptDate) ? spokenMonthDay : spokenDay;
    return {
      claimId: claim.id,
      receiptDate,
      receiptShort: short(receiptDate),
      stated: { short: short(purchase.date), button: spokenDay(purchase.date) },
    };
  }
  const said = purchase.text.trim().slice(0, 60);
  const thisYear = isoDay(localToday(new Date(claim.createdAt), claim.timeZone)).slice(0, 4);
  const receiptShort = year(receiptDate) === thisYear ? spokenMonthDay(receiptDate) : spokenDay(receiptDate);
  return { claimId: claim.id, receiptDate, receiptShort, stated: { short: `“${said}”`, button: said } };
}

/**
 * "Your receipt shows October 2 — you said November 10. Which is right?": the receipt date the
 * customer confirms becomes the purchase date; one they insist on against the receipt goes to a
 * person (receipt_mismatch), with both dates in the claim for the agent. The receipt alone never
 * refuses anyone.
 */
export class ReceiptDateDialog extends DialogGroup {
  constructor(private readonly services: DialogServices) {
    super();
    this.add(
      new QuestionDialog<Which, ReceiptDateOptions>({
        id: ASK_WHICH,
        prompt: 'purchaseDateReceipt',
        question: (options) => this.question(options, false),
        understand: (activity, context, options) => this.understand(activity, context, options),
        rephrase: (_attempt, _failure, options) => this.question(options, true),
        maxAttempts: 2,
      }),
    );
    this.add(new WaterfallDialog(RECEIPT_DATE_DIALOG, [this.ask.bind(this), this.settle.bind(this)]));
  }

  private async ask(step: WaterfallStepContext) {
    return step.beginDialog(ASK_WHICH, step.options);
  }

  private async settle(step: WaterfallStepContext) {
    const { claimId, receiptDate } = step.options as ReceiptDateOptions;
    const answer = step.result as Answer<Which>;
    if (answer.kind === 'gave_up' || answer.value === 'stated') {
      if (answer.kind === 'understood') await this.services.claims.recordReceiptAnswer(claimId, 'stated');
      return handOffAndEnd(step, this.services, claimId, 'receipt_mismatch');
    }
    await this.services.claims.acceptReceiptDate(claimId, receiptDate);
    return step.endDialog({ status: 'ok' });
  }

  private async claim(claimId: string): Promise<Claim> {
    return (await this.services.claims.get(claimId)) as Claim;
  }

  private question(options: ReceiptDateOptions, retry: boolean): Partial<Activity> {
    const { stated } = options;
    const buttons = [spokenDay(options.receiptDate), stated.button];
    const text = retry
      ? `Sorry, I didn’t catch that. Is the receipt’s date, ${spokenDay(options.receiptDate)}, right — or the date you gave, ${stated.short}?`
      : `Your receipt shows ${options.receiptShort} — you said ${stated.short}. Which is right?`;
    return ask('purchaseDateReceipt', text, buttons);
  }

  private async understand(activity: Activity, context: TurnContext, options: ReceiptDateOptions): Promise<Understood<Which>> {
    const text = (activity.text ?? '').trim();
    const claim = await this.claim(options.claimId);
    const said = readPurchaseDate(text, this.services.clock.now(), this.services.timeZoneOf(context), {
      windowDays: this.services.policy.window.days,
    });
    const today = localToday(new Date(claim.createdAt), claim.timeZone);
    const which = readReceiptAnswer(text, {
      receiptButton: spokenDay(options.receiptDate),
      statedButton: options.stated.button,
      saidDate: said.date ?? null,
      receiptDate: options.receiptDate,
      agreesWithStated: (date) => receiptAgreesWithStated(date, claim.purchase, today) === true,
    });
    return which === 'unclear' ? { ok: false, failure: 'unclear' } : { ok: true, value: which };
  }
}
