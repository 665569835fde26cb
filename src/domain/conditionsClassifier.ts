import { withoutOtherUses } from './notTheCondition';
import type { ExclusionCode, Policy } from './policy';
import { clauses, findPhrase, hasPhrase, isNo, isYes, NEGATION, phraseAt, plain, UNCERTAINTY } from './text';

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
  const text = withoutOtherUses(withoutNotCues(plain(raw), policy));
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
  else if (isNo(text) || DENIAL.test(text) || negates(text)) answer = 'none';
  return { answer, exclusions: [...exclusions], unsure: [...unsure], reported: [...new Set(reported)] };
}

const NOT_CUES = new WeakMap<Policy, RegExp | null>();
/**
 * The text without the phrases that contain a cue but state no condition ("surge protector",
 * "dropped frames"), so the cue inside them is not read.
 */
function withoutNotCues(text: string, policy: Policy): string {
  let re = NOT_CUES.get(policy);
  if (re === undefined) {
    const phrases = policy.exclusions.flatMap((e) => e.notCues).sort((a, b) => b.length - a.length);
    re = phrases.length
      ? new RegExp(`(?<![a-z0-9])(?:${phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![a-z0-9])`, 'g')
      : null;
    NOT_CUES.set(policy, re);
  }
  return re ? text.replace(re, ' ') : text;
}

/** "nobody dropped it", "no one opened it": a subject that negates, beside the usual negations. */
const NO_ONE = /\b(?:nobody|no one|noone|no-one)\b/;
const negates = (text: string): boolean => NEGATION.test(text) || NO_ONE.test(text);

/** "I never dropped it", "nobody dropped it": a negation earlier in the same clause cancels the cue. */
function negatedBefore(clause: string, phrase: string): boolean {
  const at = phraseAt(clause, phrase);
  const before = at >= 0 ? clause.slice(0, at) : clause;
  // "I altered nothing", "dropped? never": the negation right after the cue
  if (at >= 0 && NEGATED_AFTER.test(clause.slice(at + phrase.length))) return true;
  return negates(before) && !hasPhrase(before, 'not sure');
}
const NEGATED_AFTER = /^\S*\s*(?:nothing|none|never|not once|at no time)\b/;

/** A condition the customer's words only hinted at, the word that hinted it, and the plain question it leads to. */
export interface HintQuestion {
  code: ExclusionCode;
  /** The customer's own word ("condensation"), or null when it cannot be found again. */
  phrase: string | null;
  /** "has water or moisture got into it, …?" — lower case, to follow "You mentioned …". */
  question: string;
  /** Answers that rule the condition out without a "no" ("it's rated for outdoor use"). */
  denials: string[];
  /** Words that state the asked condition happened without a "yes" ("it got in", "it's mounted outside"). */
  affirms: string[];
  /** The condition's own words (the hint words of its question: "water", "rain", "wet"). */
  words: string[];
}

/**
 * The plain follow-up for each hinted condition, in the order given: the hint word found in the
 * customer's text (a hint, or a cue said with a hedge) and the policy's question for that word,
 * else "has it been <the exclusion's question>?".
 * @example hintQuestions('there is condensation inside the lens', ['unsuitable_environment'], policy)
 * // [{ code: 'unsuitable_environment', phrase: 'condensation', question: 'has water or moisture got into it, …?', … }]
 */
export function hintQuestions(raw: unknown, codes: readonly ExclusionCode[], policy: Policy): HintQuestion[] {
  const text = plain(raw);
  return codes.flatMap((code) => {
    const exclusion = policy.exclusions.find((e) => e.code === code);
    if (!exclusion) return [];
    const phrase = findPhrase(text, exclusion.hints) ?? findPhrase(text, exclusion.cues) ?? null;
    const specific = phrase ? exclusion.hintQuestions.find((q) => q.hints.includes(phrase)) : undefined;
    return [
      {
        code,
        phrase,
        question: specific?.question ?? `has it been ${exclusion.question}?`,
        denials: specific?.denials ?? [],
        affirms: specific?.affirms ?? [],
        words: specific?.hints ?? exclusion.hints,
      },
    ];
  });
}

/** How the answer to a hint's follow-up reads: like any conditions answer, plus what it ruled out. */
export interface HintAnswer extends ConditionsReading {
  /** The hinted condition, when the answer ruled it out. */
  denied: ExclusionCode[];
}

/** "nothing besides what I told you": points back at the hint itself, so it neither confirms nor denies. */
const REFERS_BACK =
  /\b(?:besides|apart from|other than|except(?: for)?|beyond) (?:what|that|the thing) (?:i|i've|i have|i'd) (?:already )?(?:told|said|mentioned|explained)\b/;
/** "nothing else", "only what I said": a no that counts on something said before. */
const BESIDES_BEFORE =
  /\b(?:nothing (?:else|more|other|further|new)|no(?:thing)? other than|(?:just|only) (?:what|the thing) i (?:already )?(?:told|said|mentioned)|like i said|as i said|i (?:already )?told you)\b/;

/**
 * Whether a conditions answer counts on something said before ("no, nothing apart from what I
 * told you", "nothing else"). When nothing was noted, such a "no" may hide a condition the
 * customer did tell — in a message not read for it — so it is asked again, never taken as none.
 * @example refersBack('no, nothing apart from what I told you') // true
 */
export const refersBack = (raw: unknown): boolean => {
  const text = plain(raw);
  return REFERS_BACK.test(text) || BESIDES_BEFORE.test(text);
};
/** "not that I know of", "I don't think so": a plain no, though worded softly. */
const SOFT_NO = /\b(?:not that i(?:'m| am)? (?:know|aware)|i don'?t think so|i do not think so|don'?t believe so|i doubt it)\b/;
/** "absolutely not", "of course not": starts like a yes, means no. */
const YES_NOT = /^(?:[a-z']+,? ){1,2}(?:not|never)\b/;
/** "it did", "it got wet", "there was": a yes that doesn't start with "yes". */
const AFFIRM =
  /^(?:it (?:did|was|has|had|got)|i did|we did|there was|there were|that'?s (?:it|right|what happened)|definitely|indeed|for sure|true)\b/;

/** Where an answer to a hint's question speaks of the condition itself, clause by clause. */
interface ConditionTalk {
  /** A clause states it happened ("rain got into it", "it's mounted outside"), not negated. */
  stated: boolean;
  /** …in the condition's own words ("water got in"), not only in words of exposure ("it's outside"). */
  statedInOwnWords: boolean;
  /** A clause negates the condition itself ("no water got in", "it's not been outside", "nothing hit the house"). */
  negated: boolean;
  /** A clause rules it out with one of the hint's denials, not negated ("it's rated for outdoors"; not "it isn't waterproof"). */
  ruledOut: boolean;
}

/**
 * Reads each clause of the answer for the condition: a negation only counts when it negates the
 * condition's words, so "rain got into it, I didn't expect that" states it and denies nothing.
 * A clause with a denial is not read for words of exposure ("rated for outdoors").
 */
function talkAbout(text: string, hint: Pick<HintQuestion, 'denials' | 'affirms' | 'words'>, conditionWords: string[]): ConditionTalk {
  const talk: ConditionTalk = { stated: false, statedInOwnWords: false, negated: false, ruledOut: false };
  for (const clause of clauses(text)) {
    const denial = hint.denials.find((d) => hasPhrase(clause, d) && !negatedBefore(clause, d));
    if (denial) talk.ruledOut = true;
    const said = [...hint.affirms, ...conditionWords].filter((w) => hasPhrase(clause, w));
    if (said.some((w) => negatedBefore(clause, w))) talk.negated = true;
    const affirmed = !denial && hint.affirms.some((w) => hasPhrase(clause, w) && !negatedBefore(clause, w));
    if (affirmed) {
      talk.stated = true;
      if (hint.words.some((w) => hasPhrase(clause, w) && !negatedBefore(clause, w))) talk.statedInOwnWords = true;
    }
  }
  return talk;
}

/**
 * Reads the answer to a hint's follow-up ("You mentioned condensation — has water got into it?").
 * A condition stated plainly decides as anywhere; a clear yes makes the hinted condition an
 * exclusion; the condition told in the condition's own words ("water got in through the cable")
 * is a yes too, and in words of exposure only ("it's mounted outside") is `unsure`, for a person.
 * A no rules it out only when it negates the condition: a leading "no", "no water got in", "it's
 * not been outside", or one of the hint's denials ("it's rated for outdoors"); a negation about
 * something else ("I didn't expect that", "it isn't waterproof") denies nothing. A hedge, or a
 * yes beside a no, is `unsure` (one more follow-up, then a person); "nothing else" and anything
 * else is `unclear` (asked again).
 * @example readHintAnswer("no, it's rated for outdoors and it's under the eaves", hint, policy) // answer 'none', denied [hint.code]
 * @example readHintAnswer('yes it was out in the storm', hint, policy) // answer 'some', exclusions [hint.code]
 * @example readHintAnswer("rain got into it, I didn't expect that", hint, policy) // answer 'some', exclusions [hint.code]
 */
export function readHintAnswer(
  raw: unknown,
  hint: Pick<HintQuestion, 'code' | 'denials'> & Partial<Pick<HintQuestion, 'affirms' | 'words'>>,
  policy: Policy,
): HintAnswer {
  const text = plain(raw);
  // a denial may contain a cue ("a surge protector"): it rules out, it does not state
  const reading = classifyConditions(
    hint.denials.reduce((rest, denial) => (hasPhrase(rest, denial) ? rest.replace(denial, ' ') : rest), text),
    policy,
  );
  const reported = text ? [text] : [];
  const result = (answer: ConditionsAnswer, change: Partial<HintAnswer> = {}): HintAnswer => ({
    answer,
    exclusions: [],
    unsure: [],
    reported,
    denied: [],
    ...change,
  });
  if (reading.exclusions.length) return { ...reading, denied: [] };
  if (!text || REFERS_BACK.test(text)) return result('unclear');
  const exclusion = policy.exclusions.find((e) => e.code === hint.code);
  const words = hint.words ?? exclusion?.hints ?? [];
  // "it hasn't rained": the condition's words negated in another form deny it too
  const forms = words.flatMap((w) => (w.includes(' ') ? [w] : [w, `${w}s`, `${w}ed`, `${w}ing`, `${w}y`]));
  const talk = talkAbout(text, { denials: hint.denials, affirms: hint.affirms ?? [], words }, [...forms, ...(exclusion?.cues ?? [])]);
  const unsure = () => result('unsure', { unsure: union([hint.code], reading.unsure) });
  const softNo = SOFT_NO.test(text);
  const saysNo = softNo || isNo(text) || YES_NOT.test(text);
  const saysYes = (isYes(text) || (AFFIRM.test(text) && !negates(text))) && !YES_NOT.test(text);
  if (!softNo && (UNKNOWN.test(text) || UNCERTAINTY.test(text))) return unsure();
  if (talk.stated) {
    // "it's outside, but it's rated for it": exposure the product is made for is a no
    if (talk.ruledOut && !talk.statedInOwnWords && !saysYes && !talk.negated) return result('none', { denied: [hint.code] });
    if (saysNo || talk.negated || talk.ruledOut) return unsure();
    return talk.statedInOwnWords || saysYes ? result('some', { exclusions: [hint.code] }) : unsure();
  }
  if (saysYes) return talk.ruledOut || talk.negated ? unsure() : result('some', { exclusions: [hint.code] });
  // "nothing else", "like I said": counts on what was said before (the hint), so it denies nothing
  if (BESIDES_BEFORE.test(text) && !talk.negated && !talk.ruledOut) return result('unclear');
  if (saysNo || talk.negated || talk.ruledOut) return result('none', { denied: [hint.code] });
  if (reading.unsure.length) return unsure();
  return result('unclear');
}

const union = <T>(a: T[], b: T[]): T[] => [...new Set([...a, ...b])];
