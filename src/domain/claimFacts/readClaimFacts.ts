import type { Policy } from '../policy';
import type { ClaimFacts, FactName } from './claimFacts';
import { findFaultClause } from './faultClause';
import { findProductMention } from './productMention';
import { findProofMention } from './proofMention';
import { findPurchaseMention } from './purchaseMention';
import { findStatedConditions } from './statedConditions';

export interface FactsContext {
  now: Date;
  timeZone: string;
  policy: Policy;
  /** The fact the question being answered asks for: a date is a purchase date without a word for it only there. */
  asked?: FactName | null;
}

/**
 * Every claim fact one message states, whichever question it answers (mixed initiative):
 * the product by its model, the purchase date, the proof of purchase, the fault, excluded
 * conditions. Each reader fails closed, so a fact is left out rather than guessed.
 * @example readClaimFacts("Hi, my QT5682 I bought on Amazon two weeks ago won't power on, I have the receipt", ctx)
 *   // product QT5682, purchase two weeks ago, proof receipt (has_now), problem "won't power on"
 */
export function readClaimFacts(text: string, ctx: FactsContext): ClaimFacts {
  if (typeof text !== 'string' || !text.trim()) return {};
  const facts: ClaimFacts = {};
  const product = findProductMention(text, ctx.policy);
  if (product) facts.product = product;
  const problem = findFaultClause(text);
  if (problem) facts.problem = problem;
  const purchase = findPurchaseMention(text, problem?.text, {
    now: ctx.now,
    timeZone: ctx.timeZone,
    windowDays: ctx.policy.window.days,
    asked: ctx.asked === 'purchase',
  });
  if (purchase) facts.purchase = purchase;
  const proof = findProofMention(text, ctx.policy);
  if (proof) facts.proof = proof;
  const conditions = findStatedConditions(text, ctx.policy);
  if (conditions) facts.conditions = conditions;
  return facts;
}
