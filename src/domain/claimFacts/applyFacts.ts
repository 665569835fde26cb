import type { Claim } from '../claim';
import { type ConditionsReading, classifyConditions } from '../conditionsClassifier';
import type { PurchaseDateReading } from '../dates/readPurchaseDate';
import type { Policy } from '../policy';
import type { ClaimFacts, FactName } from './claimFacts';

export interface ApplyMode {
  /** The customer corrects themselves: a stated fact replaces the claim's. Otherwise it only fills a gap. */
  correcting: boolean;
  /** Facts left to the question being asked (it reads its own answer). */
  skip?: FactName[];
  /**
   * Keep a date that still needs clarifying (or that the reader would not decide on): only
   * when the caller clarifies it next. Otherwise such a date is left for the date question,
   * so no undecided reading is ever decided on silently.
   */
  undecidedDates?: boolean;
}

/**
 * Writes the facts of one message into the claim and returns the ones that changed it.
 * A volunteered fact never overwrites one the customer already gave, unless they are
 * correcting it; conditions only ever add up (a mention never takes one back).
 * @example applyFacts(claim, { proof: { type: 'receipt', availability: 'lost' } }, policy, { correcting: false }) // ['proof']
 */
export function applyFacts(claim: Claim, facts: ClaimFacts, policy: Policy, mode: ApplyMode): FactName[] {
  const changed: FactName[] = [];
  const may = (name: FactName) => !mode.skip?.includes(name);
  const { product, purchase, proof, problem, conditions } = facts;
  if (product && may('product')) {
    if (!claim.product.text || (mode.correcting && claim.product.model !== product.model)) {
      claim.product = { text: product.text.slice(0, 500), model: product.model, source: product.source, family: product.family };
      changed.push('product');
    } else if (!claim.product.model) {
      // "an outdoor dome camera", then "it's the QT5682": the model completes the description
      claim.product = { ...claim.product, model: product.model, source: product.source, family: product.family };
      changed.push('product');
    }
  }
  const purchaseUsable = purchase && (mode.undecidedDates || purchase.reading.decision !== 'ask');
  if (purchase && purchaseUsable && may('purchase') && (!claim.purchase.text || (mode.correcting && !sameDay(claim, purchase.reading)))) {
    const r = purchase.reading;
    claim.purchase = {
      text: purchase.text.slice(0, 500),
      date: r.date ?? null,
      earliest: r.earliest ?? null,
      latest: r.latest ?? null,
      readings: r.readings ?? [],
    };
    changed.push('purchase');
  }
  const proofOpen = !claim.proof.availability && claim.proof.files.length === 0;
  const proofDiffers = claim.proof.availability !== proof?.availability || (proof?.type && proof.type !== claim.proof.type);
  if (proof && may('proof') && (proofOpen || (mode.correcting && proofDiffers && claim.proof.files.length === 0))) {
    claim.proof = { ...claim.proof, type: proof.type ?? claim.proof.type, availability: proof.availability };
    changed.push('proof');
  }
  if (problem && may('problem') && !problem.vague && (!claim.problem.text || mode.correcting)) {
    claim.problem = { text: problem.text.slice(0, 2000) };
    mergeConditions(claim, classifyConditions(problem.text, policy));
    changed.push('problem');
  }
  if (conditions && may('conditions') && mergeConditions(claim, conditions)) changed.push('conditions');
  return changed;
}

/** Adds what a reading reveals to the claim's conditions; whether anything was new. */
export function mergeConditions(claim: Claim, reading: ConditionsReading): boolean {
  const wasExcluded = new Set(claim.conditions.exclusions);
  const before = claim.conditions.exclusions.length + claim.conditions.unsure.length;
  const exclusions = new Set([...claim.conditions.exclusions, ...reading.exclusions]);
  const unsure = new Set([...claim.conditions.unsure, ...reading.unsure].filter((x) => !exclusions.has(x)));
  claim.conditions = {
    reported: [...new Set([...claim.conditions.reported, ...reading.reported])],
    exclusions: [...exclusions],
    unsure: [...unsure],
  };
  // an unsure condition that becomes a plain one is news too
  return (
    claim.conditions.exclusions.length + claim.conditions.unsure.length !== before || reading.exclusions.some((e) => !wasExcluded.has(e))
  );
}

/** Whether the claim already has exactly this reading of the purchase date. */
function sameDay(claim: Claim, reading: PurchaseDateReading): boolean {
  const p = claim.purchase;
  return (
    p.date === (reading.date ?? null) &&
    p.earliest === (reading.earliest ?? null) &&
    p.latest === (reading.latest ?? null) &&
    JSON.stringify(p.readings) === JSON.stringify(reading.readings ?? [])
  );
}
