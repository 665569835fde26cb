import type { TurnContext } from 'botbuilder';
import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { format } from 'date-fns';
import { longDay, parseIsoDay } from '../src/domain/calendar';
import { clarifyChoices, understandClarification } from '../src/domain/dates/pickReading';
import { type PurchaseDateReading, readPurchaseDate } from '../src/domain/dates/readPurchaseDate';
import { DialogGroup } from '../src/runtime/dialogGroup';
import { QuestionDialog } from '../src/runtime/questionDialog';
import { DATE_FROM_RECEIPT_DIALOG, type DateFromReceiptOptions } from './dateFromReceiptDialog';
import type { DialogServices } from './dialogServices';
import { handOffAndEnd } from './handOff';
import { type Answer, ask, type Understood } from './prompting';

export const PURCHASE_DATE_DIALOG = 'purchaseDateDialog';
const ASK_DATE = `${PURCHASE_DATE_DIALOG}.date`;
const CLARIFY = `${PURCHASE_DATE_DIALOG}.clarify`;

export interface PurchaseDateOptions {
  claimId: string;
  /** A reading volunteered earlier that still needs clarifying. */
  pending?: PurchaseDateReading;
}
interface DateAnswer {
  text: string;
  reading: PurchaseDateReading;
}

const DONT_KNOW =
  /\b(?:don'?t know|do not know|not sure|no idea|can'?t remember|cannot remember|don'?t remember|no clue|unsure|forgot|have to (?:look|check)|need to (?:look|check))\b/i;
const dayOf = (iso: string) => parseIsoDay(iso) as NonNullable<ReturnType<typeof parseIsoDay>>;
/** "Monday, March 2, 2026": a choice names its weekday, month and year, so the customer can pick by any of them. */
const pretty = (iso: string) => longDay(dayOf(iso));

/** Asks when the product was bought; asks again when the answer could fall on both sides of the window. */
export class PurchaseDateDialog extends DialogGroup {
  constructor(private readonly services: DialogServices) {
    super();
    this.add(
      new QuestionDialog<DateAnswer>({
        id: ASK_DATE,
        prompt: 'purchaseDate',
        question: () => ask('purchaseDate', 'When did you buy it? A date like "March 3" or something like "two weeks ago" is fine.'),
        understand: (activity, context) => this.readDate(activity.text, context),
        rephrase: (attempt, failure) => ask('purchaseDate', this.dateHint(attempt, failure)),
      }),
    );
    this.add(
      new QuestionDialog<DateAnswer, PurchaseDateReading>({
        id: CLARIFY,
        prompt: 'purchaseDateClarify',
        question: (reading) => this.clarifyQuestion(reading, false),
        understand: (activity, context, pending) => this.readClarification(activity.text, context, pending),
        rephrase: (_attempt, _failure, reading) => this.clarifyQuestion(reading, true),
        maxAttempts: 2,
      }),
    );
    this.add(
      new WaterfallDialog(PURCHASE_DATE_DIALOG, [
        this.askDate.bind(this),
        this.clarifyIfNeeded.bind(this),
        this.recordClarified.bind(this),
      ]),
    );
  }

  /** Asks: when did you buy it? (skipped when the date was volunteered but needs clarifying) */
  private async askDate(step: WaterfallStepContext) {
    const options = step.options as PurchaseDateOptions;
    if (options.pending) return step.next({ kind: 'understood', text: '', value: { text: '', reading: options.pending } });
    return step.beginDialog(ASK_DATE);
  }

  /** Asks: which of the readings, or the exact day — only when the window depends on it. */
  private async clarifyIfNeeded(step: WaterfallStepContext) {
    const options = step.options as PurchaseDateOptions;
    const answer = step.result as Answer<DateAnswer>;
    if (answer.kind === 'gave_up' && answer.failure === 'unknown' && this.services.readings) {
      // they cannot say: the receipt may, before a person is brought in (dateFromReceiptDialog.ts)
      return step.replaceDialog(DATE_FROM_RECEIPT_DIALOG, { claimId: options.claimId } satisfies DateFromReceiptOptions);
    }
    if (answer.kind === 'gave_up')
      return this.giveUp(step, answer.failure === 'unknown' ? 'ambiguous_purchase_date' : 'repeated_misunderstanding');
    if (answer.value.text) await this.services.claims.recordPurchase(options.claimId, answer.value.text, answer.value.reading);
    if (answer.value.reading.decision !== 'ask') return step.endDialog({ status: 'ok' });
    return step.beginDialog(CLARIFY, answer.value.reading);
  }

  private async recordClarified(step: WaterfallStepContext) {
    const options = step.options as PurchaseDateOptions;
    const answer = step.result as Answer<DateAnswer>;
    if (answer.kind === 'gave_up') return this.giveUp(step, 'ambiguous_purchase_date');
    await this.services.claims.recordPurchase(options.claimId, answer.value.text, answer.value.reading);
    return step.endDialog({ status: 'ok' });
  }

  private giveUp(step: WaterfallStepContext, reason: 'ambiguous_purchase_date' | 'repeated_misunderstanding') {
    return handOffAndEnd(step, this.services, (step.options as PurchaseDateOptions).claimId, reason);
  }

  private read(text: string | undefined, context: TurnContext): PurchaseDateReading {
    return readPurchaseDate(text ?? '', this.services.clock.now(), this.services.timeZoneOf(context), {
      windowDays: this.services.policy.window.days,
    });
  }

  private readDate(text: string | undefined, context: TurnContext): Understood<DateAnswer> {
    const reading = this.read(text, context);
    if (reading.kind === 'future') return { ok: false, failure: 'future' };
    if (reading.kind === 'none') return { ok: false, failure: DONT_KNOW.test(text ?? '') ? 'unknown' : 'none' };
    return { ok: true, value: { text: text ?? '', reading } };
  }

  private dateHint(attempt: number, failure: string): string {
    if (failure === 'future') return 'That date looks like it’s in the future. When did you buy it?';
    if (failure === 'unknown' || attempt >= 2) {
      return 'No worries — the date is on your receipt, or in the order confirmation email from the store (search your inbox for the store’s name). What date does it show? Roughly is OK too, e.g. "early last month".';
    }
    return 'Sorry, I couldn’t read a date there. When did you buy it? For example "March 3", "3/3/2026" or "two weeks ago".';
  }

  /** Asks which of the readings is meant, naming each day with its month; or for the exact day. */
  private clarifyQuestion(reading: PurchaseDateReading | undefined, retry: boolean) {
    const choices = clarifyChoices(reading);
    if (choices.length > 1) {
      const named = choices.map(pretty);
      const conflict = reading?.weekdayConflict;
      const question = conflict
        ? `${format(dayOf(conflict.written), 'MMMM d')} was a ${format(dayOf(conflict.written), 'EEEE')} — did you mean ${named.join(', or ')}?`
        : `did you buy it on ${named.join(' or on ')}?`;
      const lead = retry
        ? 'Sorry, I didn’t catch which day you mean'
        : `Just to be sure, since it matters for the ${this.services.policy.window.days}-day warranty`;
      const exactDay = retry ? ' Or tell me the exact date from your receipt.' : '';
      return ask('purchaseDateClarify', `${lead}: ${question}${exactDay}`, named);
    }
    if (retry) {
      return ask(
        'purchaseDateClarify',
        'Sorry, I still need the exact day to check the warranty. It’s on your receipt or the order confirmation email — which date does it show? (e.g. "February 10")',
      );
    }
    return ask(
      'purchaseDateClarify',
      `That's close to the ${this.services.policy.window.days}-day limit, so I need the exact day. Could you check your receipt or order confirmation? Which date does it show?`,
    );
  }

  /** Understands a reply to the clarifying question: one of the days it named, or another day that decides. */
  private readClarification(text: string | undefined, context: TurnContext, pending: PurchaseDateReading): Understood<DateAnswer> {
    const reading = understandClarification(
      text ?? '',
      clarifyChoices(pending),
      this.services.clock.now(),
      this.services.timeZoneOf(context),
      {
        windowDays: this.services.policy.window.days,
      },
    );
    return reading ? { ok: true, value: { text: text ?? '', reading } } : { ok: false, failure: 'still_unclear' };
  }
}
