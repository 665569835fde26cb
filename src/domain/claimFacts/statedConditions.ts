import { type ConditionsReading, classifyConditions } from '../conditionsClassifier';
import type { Policy } from '../policy';

/** A clause about something that happened to the product ("it got wet", "I had it out in the rain"). */
const HAPPENED_TO_IT =
  /\b(?:it|they|the (?:camera|dvr|nvr|recorder|unit|system|lens|cable|wire)s?) (?:got|gets|became|has been|had been|'s been|been|was left|was exposed|was out|was outside|was in|were left|were out)\b|\b(?:left|had|kept|put|installed|mounted|used) (?:it|them) (?:out|outside|in|on|under|near|by)\b|\b(?:spilled|spilt|poured|splashed|sprayed|dripped|leaked) [\w ]{0,20}\b(?:on|onto|into|over|in) (?:it|them|the \w+)\b/;

/**
 * The excluded conditions a message mentions on its own, at any question: a condition stated
 * plainly ("it fell off the shelf"), or a hint said as something that happened to the product
 * ("it got wet in the rain" — asked about later, never decided on). A denial ("no, none of
 * those") is only an answer to the conditions question, so it is never read here, and neither
 * is a hint word that does not tell of an event ("bought it on Sun the 3rd").
 * @example findStatedConditions('before I forget, it fell off the shelf', policy) // answer 'some', exclusions ['accident']
 */
export function findStatedConditions(text: string, policy: Policy): ConditionsReading | null {
  const reading = classifyConditions(text, policy);
  const unsure = reading.unsure.length && reading.reported.some((clause) => HAPPENED_TO_IT.test(clause)) ? reading.unsure : [];
  if (!reading.exclusions.length && !unsure.length) return null;
  return { answer: reading.exclusions.length ? 'some' : 'unsure', exclusions: reading.exclusions, unsure, reported: reading.reported };
}
