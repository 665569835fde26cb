import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { decisionMessage } from '../src/claims/customerNotices';
import type { Claim } from '../src/domain/claim';
import { readClaimFacts } from '../src/domain/claimFacts/readClaimFacts';
import { claimWindow } from '../src/domain/claimWindow';
import { classifyConditions } from '../src/domain/conditionsClassifier';
import type { readPurchaseDate } from '../src/domain/dates/readPurchaseDate';
import { recordedReading } from '../src/domain/dates/recordedReading';
import type { HandoffReason } from '../src/domain/eligibility';
import type { ProofAvailability } from '../src/domain/proofClassifier';
import { receiptConflict } from '../src/domain/receipts/receiptConflict';
import { DialogGroup } from '../src/runtime/dialogGroup';
import { CONDITIONS_DIALOG, ConditionsDialog } from './conditionsDialog';
import { type ClaimField, CONFIRM_DIALOG, ConfirmClaimDialog, type ConfirmOptions, type ConfirmResult } from './confirmClaimDialog';
import { DateFromReceiptDialog } from './dateFromReceiptDialog';
import type { DialogServices } from './dialogServices';
import { handOffAndEnd } from './handOff';
import { PROBLEM_DIALOG, type ProblemOptions, problemDialog } from './problemDialog';
import { PRODUCT_DIALOG, productDialog } from './productDialog';
import { type Answer, type PromptName, say } from './prompting';
import { PROOF_DIALOG, ProofOfPurchaseDialog, type ProofOptions } from './proofOfPurchaseDialog';
import { PURCHASE_DATE_DIALOG, PurchaseDateDialog } from './purchaseDateDialog';
import { RECEIPT_DATE_DIALOG, ReceiptDateDialog, receiptDateOptions } from './receiptDateDialog';
import { settleReadings } from './settleReadings';

export const WARRANTY_CLAIM_DIALOG = 'warrantyClaimDialog';

export interface ClaimOptions {
  /** The customer's first message, which may already name the product, the date or the problem. */
  opening?: string;
  /** "check my warranty" rather than "start a claim": same questions, a different greeting. */
  checkOnly?: boolean;
  /** The conditions were already answered (the customer changed another fact). */
  conditionsKnown?: boolean;
  /**
   * The question another release was waiting on when it last served this conversation: the
   * questions before it were answered, and it is asked even when the claim holds something for it.
   */
  resumeAt?: PromptName;
}
interface StepValues {
  claimId: string;
  pendingDate?: ReturnType<typeof readPurchaseDate>;
  openingProblem?: string;
  outside?: boolean;
  conditionsAsked?: boolean;
  /** The claim already had its proof answer when this run began (a change, a restart): not asked again. */
  proofKnown?: boolean;
  /** The claim already had its problem when this run began: not followed up again. */
  problemKnown?: boolean;
}
const values = (step: WaterfallStepContext) => step.values as StepValues;

export type ClaimResult = { decided: true; claimId: string } | { decided: false };

/**
 * The claim, one question at a time: product → purchase date → proof → problem →
 * conditions → confirmation → decision. Every step skips what the claim already knows,
 * so the dialog also resumes a claim (after a restart, a return from an agent, or a change).
 */
export class WarrantyClaimDialog extends DialogGroup {
  constructor(private readonly services: DialogServices) {
    super();
    this.add(productDialog(services.policy));
    this.add(new PurchaseDateDialog(services));
    this.add(new ProofOfPurchaseDialog(services));
    this.add(problemDialog());
    this.add(new ConditionsDialog(services));
    this.add(new ConfirmClaimDialog(services));
    this.add(new ReceiptDateDialog(services));
    this.add(new DateFromReceiptDialog(services));
    this.add(
      new WaterfallDialog(WARRANTY_CLAIM_DIALOG, [
        this.openClaim.bind(this),
        this.askProduct.bind(this),
        this.askPurchaseDate.bind(this),
        this.askProof.bind(this),
        this.askProblem.bind(this),
        this.askConditions.bind(this),
        this.confirm.bind(this),
        this.checkReceipt.bind(this),
        this.decide.bind(this),
      ]),
    );
  }

  private async claim(step: WaterfallStepContext): Promise<Claim> {
    return (await this.services.claims.get(values(step).claimId)) as Claim;
  }

  /** Opens (or continues) the claim and keeps what the customer already told us. */
  private async openClaim(step: WaterfallStepContext) {
    const options = (step.options ?? {}) as ClaimOptions;
    const claims = this.services.claims;
    const claim = await claims.openOrContinue(this.services.conversationOf(step.context), this.services.timeZoneOf(step.context));
    values(step).claimId = claim.id;
    values(step).conditionsAsked = options.conditionsKnown;
    // what the claim knew before this message is settled; what the message adds is followed up
    const proof = claim.proof;
    values(step).proofKnown = Boolean(proof.availability) && !(proof.availability === 'has_now' && proof.files.length === 0);
    values(step).problemKnown = Boolean(claim.problem.text);
    const opening = options.opening ?? '';
    const facts = readClaimFacts(opening, { now: this.services.clock.now(), timeZone: claim.timeZone, policy: this.services.policy });
    // the opening's date is clarified by the date question next, so an undecided one is kept
    const changed = await claims.recordFacts(claim.id, facts, { correcting: false, undecidedDates: true });
    if (changed.includes('purchase') && facts.purchase?.reading.decision === 'ask') values(step).pendingDate = facts.purchase.reading;
    if (facts.problem?.vague) values(step).openingProblem = facts.problem.text;
    // the three questions the claim alone cannot place: the others skip or ask by what it holds
    if (options.resumeAt === 'purchaseDateClarify') values(step).pendingDate = recordedReading(claim.purchase);
    if (options.resumeAt === 'problem') values(step).problemKnown = false; // the follow-up on a fault named earlier
    if (options.resumeAt === 'confirm') values(step).conditionsAsked = true; // a "none" leaves no trace on the claim
    const intro = options.checkOnly
      ? "Let's check your warranty — I'll need a few details."
      : "I can help with that. I'll ask a few quick questions, one at a time.";
    if (options.opening !== undefined) await step.context.sendActivity(say(intro));
    return step.next();
  }

  /** Asks: which product? */
  private async askProduct(step: WaterfallStepContext) {
    if ((await this.claim(step)).product.text) return step.next();
    return step.beginDialog(PRODUCT_DIALOG);
  }

  /** Asks: when did you buy it? */
  private async askPurchaseDate(step: WaterfallStepContext) {
    const answer = step.result as Answer<string> | undefined;
    const claim = await this.claim(step);
    if (answer?.kind === 'gave_up') return this.handOff(step, 'repeated_misunderstanding');
    if (answer?.kind === 'understood') {
      // the product as named ("QC908 DVR"), not the whole answer that also gave the date and the problem
      await this.services.claims.recordProduct(claim.id, answer.value);
    }
    if (claim.purchase.text && !values(step).pendingDate) return step.next();
    return step.beginDialog(PURCHASE_DATE_DIALOG, { claimId: claim.id, pending: values(step).pendingDate });
  }

  /** Asks: which proof of purchase, and a copy of it. A purchase clearly outside the window is decided first. */
  private async askProof(step: WaterfallStepContext) {
    const claim = await this.claim(step);
    values(step).outside = claimWindow(claim, this.services.policy.window.days) === 'outside';
    if (values(step).outside || claim.proof.files.length || values(step).proofKnown) return step.next();
    // a proof the customer already talked about ("I have the receipt"): no question about its kind
    const known = claim.proof.availability
      ? { type: claim.proof.type, availability: claim.proof.availability as ProofAvailability }
      : undefined;
    return step.beginDialog(PROOF_DIALOG, { claimId: claim.id, known } satisfies ProofOptions);
  }

  /** Asks: what's wrong with it? */
  private async askProblem(step: WaterfallStepContext) {
    const claim = await this.claim(step);
    if (values(step).outside || (claim.problem.text && values(step).problemKnown)) return step.next();
    // a fault the customer already named is followed up once, by name, rather than taken silently
    const mentioned = claim.problem.text || values(step).openingProblem;
    return step.beginDialog(PROBLEM_DIALOG, { mentioned, vague: !claim.problem.text } satisfies ProblemOptions);
  }

  /** Asks: has any excluded condition happened? (not needed when the problem already says so) */
  private async askConditions(step: WaterfallStepContext) {
    const answer = step.result as Answer<string> | undefined;
    if (answer?.kind === 'gave_up') return this.handOff(step, 'repeated_misunderstanding');
    if (answer?.kind === 'understood') {
      await this.services.claims.recordProblem(values(step).claimId, answer.value, classifyConditions(answer.value, this.services.policy));
    }
    const claim = await this.claim(step);
    if (values(step).outside || claim.conditions.exclusions.length || values(step).conditionsAsked) return step.next();
    values(step).conditionsAsked = true;
    return step.beginDialog(CONDITIONS_DIALOG, { claimId: claim.id, hinted: claim.conditions.unsure });
  }

  /** Asks: is the summary right? (past the window: is the date right, before it is refused) */
  private async confirm(step: WaterfallStepContext) {
    return step.beginDialog(CONFIRM_DIALOG, { claimId: values(step).claimId, outside: values(step).outside } satisfies ConfirmOptions);
  }

  /**
   * A confirmed claim: waits briefly for its proof's reading; a receipt whose date would decide
   * differently from the customer's is asked about first (purchaseDateReceipt). Corrections go back.
   */
  private async checkReceipt(step: WaterfallStepContext) {
    const confirmation = step.result as ConfirmResult;
    const claims = this.services.claims;
    const claimId = values(step).claimId;
    if (!confirmation.confirmed && 'corrected' in confirmation) {
      // a correction that needs one more answer (a copy of the proof they do have after all)
      // (past the window the conditions were never asked)
      return step.replaceDialog(WARRANTY_CLAIM_DIALOG, { conditionsKnown: !values(step).outside } satisfies ClaimOptions);
    }
    if (!confirmation.confirmed) {
      await claims.update(claimId, (c) => forget(c, confirmation.change));
      await step.context.sendActivity(say('OK, let’s fix that.'));
      const conditionsKnown = !values(step).outside && confirmation.change !== 'conditions';
      return step.replaceDialog(WARRANTY_CLAIM_DIALOG, { conditionsKnown } satisfies ClaimOptions);
    }
    const claim = await settleReadings(this.services, claimId);
    const receiptDate = claim && receiptConflict(claim, this.services.policy.window.days);
    if (claim && receiptDate) return step.beginDialog(RECEIPT_DATE_DIALOG, receiptDateOptions(claim, receiptDate));
    return step.next();
  }

  /** Applies the policy, stores the decision, then explains it. */
  private async decide(step: WaterfallStepContext) {
    const claimId = values(step).claimId;
    const decision = await decideClaim(this.services, claimId);
    if ('handoffReason' in decision) return this.handOff(step, decision.handoffReason);
    await step.context.sendActivity(say(decision.explanation));
    return step.endDialog({ decided: true, claimId } satisfies ClaimResult);
  }

  private handOff(step: WaterfallStepContext, reason: Parameters<DialogServices['handOff']>[2]) {
    return handOffAndEnd(step, this.services, values(step).claimId, reason);
  }
}

/**
 * Applies the policy and stores the decision: what to tell the customer, or why a person must
 * decide instead. The claim dialog's last step, and a late proof of purchase's.
 */
export async function decideClaim(
  services: DialogServices,
  claimId: string,
): Promise<{ claim: Claim; explanation: string } | { claim: Claim; handoffReason: HandoffReason }> {
  const read = await settleReadings(services, claimId);
  // no question is open here (a late proof): a receipt that would decide differently goes to a person
  if (read && receiptConflict(read, services.policy.window.days)) return { claim: read, handoffReason: 'receipt_mismatch' };
  const { claim, handoffReason } = await services.claims.decide(claimId);
  if (handoffReason) return { claim, handoffReason };
  return { claim, explanation: decisionMessage(claim, services.policy) };
}

/** Clears one fact so the claim dialog asks for it again. */
function forget(claim: Claim, field: ClaimField): void {
  if (field === 'product') claim.product = { text: '', model: null };
  if (field === 'purchase') claim.purchase = { text: '', date: null, earliest: null, latest: null, readings: [] };
  if (field === 'proof') claim.proof = { ...claim.proof, type: null, availability: null };
  if (field === 'problem') claim.problem = { text: '' };
  if (field === 'conditions') claim.conditions = { reported: [], exclusions: [], unsure: [] };
}
