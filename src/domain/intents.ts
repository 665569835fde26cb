import { findModelNumber } from './modelNumber';
import type { Policy } from './policy';
import { findPhrase, plain } from './text';

/** What a message asks for, independent of the question the bot just asked. */
export type Intent =
  | { kind: 'human' }
  | { kind: 'cancel' }
  | { kind: 'start_over' }
  | { kind: 'returns' }
  | { kind: 'policy_question'; faqId: string; answer: string }
  | { kind: 'check_warranty' }
  | { kind: 'start_claim' }
  | { kind: 'greeting' }
  | { kind: 'none' };

const HUMAN =
  /\b(?:human|real person|a person|live person|actual person|someone real|live agent|an agent|(?:to|with) (?:a |an |the )?(?:support |customer service |service )?(?:agent|representative|rep|operator)|customer service|talk to (?:someone|somebody|a)|speak (?:to|with) (?:someone|somebody|a)|call me back|phone call)\b/;
const CANCEL = /^(?:cancel|stop|quit|exit|never ?mind|forget it|abort)\b|\bcancel (?:the|my|this) (?:claim|request)\b/;
/** Starting the conversation over — not the customer's resets of the product ("I reset it twice"). */
const START_OVER =
  /\b(?:start over|start again|begin again|from the (?:beginning|start|top)|start from scratch|new claim|(?:restart|reset) (?:the |this |my )?(?:chat|conversation|claim))\b|^(?:restart|reset)\W*$/;
const CHANGE_OF_MIND =
  /\b(?:refund|money back|return (?:it|this|them|the|my)|return policy|returns|send it back|changed my mind|change of mind|don'?t want (?:it|the|this)|do not want (?:it|the|this)|don'?t need (?:it|the|this)|no longer (?:need|want)|don'?t like it|do not need (?:it|the|this)|exchange it)\b/;
export const DEFECT =
  /\b(?:broken|broke|not working|stopped|died|dead|defect\w*|faulty|malfunction\w*|doesn'?t work|won'?t|does not work|will not|error|fails?|failed|failing|problem|issue|no power|no video|no picture|blurry|keeps|reboot\w*|out of the box|doa|fried|burnt|cracked|stutter\w*|grind\w*|flicker\w*|freez\w*|frozen|overheat\w*|glitch\w*|beep\w*|noisy|black screen|blank screen|offline|can'?t connect|can'?t join|disconnect\w*)\b/;
/** A purchase told with the product: "I have a QC908 I bought 11/27" is about a claim, whatever else it says. */
const PRODUCT_KIND = /\b(?:camera|cam|dvr|nvr|recorder|doorbell|security system|cctv)s?\b/;
const PURCHASED = /\b(?:bought|purchased|ordered|picked (?:it )?up|got it|got (?:a|my|the))\b/;
const CHECK =
  /\b(?:check (?:my |the )?warranty|am i (?:still )?covered|is (?:it|my \w+) (?:still )?(?:under|in|covered)|warranty status|still under warranty|covered by (?:the )?warranty)\b/;
const CLAIM = /\b(?:claim|warranty|rma|repair|replace\w*|fix|help with|start)\b/;
const QUESTION_START = /^(?:what|what's|whats|how|does|do|is|are|can|could|will|would|should|am|which|why|when|where|if)\b/;
const GREETING = /^(?:hi|hello|hey|good (?:morning|afternoon|evening)|howdy|hiya|yo)\b[\s!.,]*$/;

/**
 * The sentences that ask something ("does it cover surges?"), not hedged statements that
 * happen to end in a question mark ("maybe there was a surge?").
 */
export const questionsIn = (text: string): string[] =>
  text
    .split(/(?<=[?.!])\s+|\n/)
    .map((s) => s.replace(/^(?:and|so|but|also|ok|okay|oh|hi|hello|quick question)[,:]?\s+/, '').trim())
    .filter((s) => QUESTION_START.test(s));

/**
 * Reads the customer's intent from a message.
 * @example detectIntent('can I talk to a real person please?', policy) // { kind: 'human' }
 */
export function detectIntent(raw: unknown, policy: Policy): Intent {
  const text = plain(raw, 500);
  if (!text) return { kind: 'none' };
  if (HUMAN.test(text)) return { kind: 'human' };
  if (CANCEL.test(text)) return { kind: 'cancel' };
  if (START_OVER.test(text)) return { kind: 'start_over' };
  if (CHANGE_OF_MIND.test(text)) return DEFECT.test(text) ? { kind: 'start_claim' } : { kind: 'returns' };
  const questions = questionsIn(text);
  const faq = policy.faq.find((f) => questions.some((q) => findPhrase(q, f.cues)));
  if (faq) return { kind: 'policy_question', faqId: faq.id, answer: faq.answer };
  if (CHECK.test(text)) return { kind: 'check_warranty' };
  if (CLAIM.test(text) || DEFECT.test(text)) return { kind: 'start_claim' };
  if (PURCHASED.test(text) && (findModelNumber(text, policy) || PRODUCT_KIND.test(text))) return { kind: 'start_claim' };
  if (GREETING.test(text)) return { kind: 'greeting' };
  return { kind: 'none' };
}

const ABUSE =
  /\b(?:fuck\w*|f\*+k|shit\w*|bullshit|idiots?|morons?|stupid (?:bot|company|people)|useless (?:bot|company|people|service)|you suck|screw you|scam\w*|crooks?|thieves|rip ?off)\b/;
const STRONG =
  /\b(?:(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time (?:i'?m |i am |i have |i've )?(?:contact|call|writ|chat|ask|reach)\w*|(?:how many|so many) times|again and again|waiting (?:for )?(?:weeks|months|days)|been waiting|unacceptable|ridiculous|outrageous|disgusting|pathetic|worst (?:company|service|product|support)|never buy\w* (?:from )?(?:you|q-see|again)|furious|sick (?:and tired )?of|fed up|lawyer|sue you|report you|bbb)\b/;
const MILD = /\b(?:damn|crap|crappy|ugh|annoy\w*|frustrat\w*|terrible|awful|angry|upset|wtf|seriously|garbage|junk|hate)\b/;
// global twins for counting with match(), built once (match resets their lastIndex itself)
const STRONG_ALL = new RegExp(STRONG.source, 'g');
const MILD_ALL = new RegExp(MILD.source, 'g');

/**
 * Whether the customer is clearly upset (abuse, repeated contact, strong anger) — a person
 * should take over at once. Mild annoyance ("ugh, it died") is not enough.
 * @example isClearlyUpset("This is ridiculous, third time I'm contacting you") // true
 */
export function isClearlyUpset(raw: unknown): boolean {
  if (typeof raw !== 'string') return false;
  const text = plain(raw, 1000);
  let score = 0;
  if (ABUSE.test(text)) score += 3;
  score += 2 * (text.match(STRONG_ALL)?.length ?? 0);
  score += text.match(MILD_ALL)?.length ?? 0;
  const shouted = raw.match(/\b[A-Z]{4,}\b/g)?.filter((w) => !/^(?:HDD|DVR|NVR|WIFI|HDMI|USB|POE|QSEE|RMA|LED|PTZ|ASAP)$/.test(w)) ?? [];
  if (shouted.length) score += 1;
  if (/!{3,}/.test(raw)) score += 1;
  return score >= 3;
}
