import { classifyConditions } from '../conditionsClassifier';
import type { Policy } from '../policy';
import { isNo, isYes, plain } from '../text';
import type { ClaimFacts, FactName } from './claimFacts';
import { answersWhichProduct } from './productMention';

/** The claim questions (design.md prompt names) and the fact each one asks for. */
const ASKS: Record<string, FactName> = {
  product: 'product',
  purchaseDate: 'purchase',
  purchaseDateClarify: 'purchase',
  proofType: 'proof',
  proofUpload: 'proof',
  problem: 'problem',
  conditions: 'conditions',
};

/** The fact a claim question asks for, or null for any other prompt (menu, confirm, csat…). */
export const factAskedBy = (prompt: string | undefined): FactName | null => (prompt ? (ASKS[prompt] ?? null) : null);

const PICKS_A_READING =
  /\b(?:first|second|former|latter|earlier|later|last|one|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|\d+(?:st|nd|rd|th)?)\b/;
const UPLOAD_LATER = /\b(?:later|not now|tonight|tomorrow|skip|can'?t|cannot|don'?t have)\b/;

/**
 * Whether a message may answer the question asked, so the question reads it (and counts a
 * failed attempt); when it does not, and it brought other facts, the assistant notes them and
 * asks the same question again without counting it as a misunderstanding.
 * @example answersQuestion('purchaseDate', 'I lost the receipt', { proof: … }, policy) // false
 */
export function answersQuestion(prompt: string, raw: string, facts: ClaimFacts, policy: Policy): boolean {
  const text = plain(raw);
  switch (prompt) {
    case 'product':
      return Boolean(facts.product) || answersWhichProduct(raw, policy);
    case 'purchaseDate':
      return Boolean(facts.purchase);
    case 'purchaseDateClarify':
      return Boolean(facts.purchase) || PICKS_A_READING.test(text);
    case 'proofType':
      return Boolean(facts.proof) || isYes(text) || isNo(text);
    case 'proofUpload':
      return Boolean(facts.proof) || UPLOAD_LATER.test(text);
    case 'problem':
      // a description may tell when things happened ("since last week"): only proof or product talk is another answer
      return Boolean(facts.problem || facts.conditions) || !(facts.proof || facts.product);
    case 'conditions':
      return classifyConditions(text, policy).answer !== 'unclear';
    default:
      return true;
  }
}
