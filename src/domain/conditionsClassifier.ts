import type { ExclusionCode, Policy } from './policy';
import { clauses, findPhrase, hasPhrase, isNo, NEGATION, plain, UNCERTAINTY } from './text';

/**
 * How an answer about the excluded conditions reads:
 * none (denied), some (stated plainly), unsure (the customer cannot tell), unclear (neither).
 */
export type ConditionsAnswer = 'none' | 'some' | 'unsure' | 'unclear';

export interface ConditionsReading {
  answer: ConditionsAnswer;
  exclusions: ExclusionCode[];
  unsure: ExclusionCode[];
  /** The customer's own words that matched, for the agent. */
  reported: string[];
}

const DENIAL =
  /\b(?:none of (?:that|those|them|these|the above)|nothing like that|nothing of the sort|nothing besides|nothing else|nothing more|nothing other|no(?:ne)? of that|not that i know|never|nope|nothing|none)\b/;
const UNKNOWN =
  /\b(?:i don't know|i dont know|not sure|no idea|can't tell|cant tell|can't say|no clue|don't remember|dont remember|i'm unsure|unsure)\b/;

/**
 * Finds the excluded conditions that a free-text answer (or a problem description) reveals.
 * Negated mentions reveal nothing; hedged ones and mere hints are `unsure`, never a refusal.
 * @example classifyConditions('maybe a power surge, I’m not sure', policy) // answer 'unsure', unsure ['power_surge']
 */
export function classifyConditions(raw: unknown, policy: Policy): ConditionsReading {
  const text = plain(raw);
  const exclusions = new Set<ExclusionCode>();
  const unsure = new Set<ExclusionCode>();
  const reported: string[] = [];
  const parts = clauses(text);
  parts.forEach((clause, i) => {
    const hedged = UNCERTAINTY.test(clause) || (i > 0 && UNCERTAINTY.test(parts[i - 1]) && clause.split(' ').length < 12);
    // a clause that states a condition plainly is not also read for hints ("caulk ... from the rain")
    const statesOne = policy.exclusions.some((e) => findPhrase(clause, e.cues));
    for (const exclusion of policy.exclusions) {
      const cue = findPhrase(clause, exclusion.cues);
      const hint = cue || statesOne ? undefined : findPhrase(clause, exclusion.hints);
      const phrase = cue ?? hint;
      if (!phrase || negatedBefore(clause, phrase)) continue;
      reported.push(clause);
      if (cue && !hedged) exclusions.add(exclusion.code);
      else unsure.add(exclusion.code);
    }
  });
  for (const code of exclusions) unsure.delete(code);
  let answer: ConditionsAnswer = 'unclear';
  if (exclusions.size) answer = 'some';
  else if (unsure.size || UNKNOWN.test(text)) answer = 'unsure';
  else if (isNo(text) || DENIAL.test(text) || NEGATION.test(text)) answer = 'none';
  return { answer, exclusions: [...exclusions], unsure: [...unsure], reported: [...new Set(reported)] };
}

/** "I never dropped it": a negation earlier in the same clause cancels the cue. */
function negatedBefore(clause: string, phrase: string): boolean {
  const at = clause.indexOf(phrase);
  const before = at >= 0 ? clause.slice(0, at) : clause;
  return NEGATION.test(before) && !hasPhrase(before, 'not sure');
}
