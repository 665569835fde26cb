import { DEFECT } from '../intents';

/**
 * Why an answer to "which product is it?" is not a product, so the re-ask can fit it:
 * - `empty`: nothing to read;
 * - `where_to_find`: the customer asks where the model number is;
 * - `unknown_model`: they don't know or can't find it;
 * - `restated_intent`: they say again what they want ("I want to make a warranty claim");
 * - `complaint`: they say again what is wrong ("I told you, my camera is broken");
 * - `not_an_answer`: a yes, a no, a hello;
 * - `no_product_kind`: words that name no product ("the one I bought").
 */
export type NotAProductReason =
  | 'empty'
  | 'where_to_find'
  | 'unknown_model'
  | 'restated_intent'
  | 'complaint'
  | 'not_an_answer'
  | 'no_product_kind'
  | 'several_models';

const WHERE_TO_FIND =
  /\b(?:where|how)\b.{0,40}\b(?:find|see|look|locate|get|is|are)\b.{0,40}\b(?:model|number|label|sticker|serial)\b|\bwhere(?:'s| is| do i find)\b.{0,20}\b(?:it|that|model|number)\b|\bwhat(?:'s| is) (?:a|the) model\b/;
const DONT_KNOW =
  /\b(?:(?:i )?(?:don'?t|do not|dont) (?:know|remember|recall|have (?:it|the model|the number|the box))|idk|dunno|no idea|not sure|no clue|unsure|forgot|(?:can'?t|cannot|couldn'?t) (?:find|remember|see|read|recall|tell|say)|no (?:model|label|sticker)|(?:label|sticker) (?:is |was )?(?:gone|missing|worn|faded|unreadable|off))\b/;
const RESTATED_INTENT =
  /\b(?:warranty|claims?|rma|repair(?:s|ed)?|replace(?:ment|d)?|refund|money back|exchange|return|help|support|assist(?:ance)?|fix(?:ed)?|sort(?:ed)? (?:it|this) out|file|submit|start|make a)\b/;
/** "like I said", "I told you": the customer repeats themselves. */
const REPEATING =
  /\b(?:i (?:already |just )?(?:told|said|mentioned|explained)|like i said|as i (?:said|told|mentioned)|already (?:told|said))\b/;
const NOT_AN_ANSWER =
  /^(?:yes|yeah|yep|yup|no|nope|nah|ok|okay|sure|hi|hello|hey|thanks|thank you|hmm+|um+|uh+|what|huh|pardon|sorry|why|test|asdf\w*|ok thanks)(?:\s+(?:please|thanks|there))?$/;

/** Symptoms people describe beyond the defect words of the intents ("keeps going offline", "no signal"). */
const SYMPTOM =
  /\b(?:nothing works|keeps? (?:going|turning|rebooting|restarting|beeping|dropping|disconnecting|freezing|cutting)|offline|disconnect\w*|no (?:signal|video|picture|image|feed|display|sound)|black screen|blank screen|freez\w*|froze(?:n)?|flicker\w*|overheat\w*|not (?:recording|showing|connecting|turning|powering|charging|saving)|quit (?:working|recording)|beep\w*|static|lost (?:connection|signal)|(?:can'?t|cannot) (?:connect|see|view|access|record|log))\b/;

/** Restated intent or complaint: the two that make even a product word ("my camera is broken") not an answer. */
export const restatesOrComplains = (plainText: string): NotAProductReason | null => {
  if (REPEATING.test(plainText) || DEFECT.test(plainText) || SYMPTOM.test(plainText)) return 'complaint';
  if (RESTATED_INTENT.test(plainText)) return 'restated_intent';
  return null;
};

/**
 * Why an answer that names no product is not one (on plain() text).
 * @example whyNotAProduct("I told you, it's broken") // 'complaint'
 */
export function whyNotAProduct(plainText: string): NotAProductReason {
  const words = plainText.replace(/[^\p{L}\p{N}' ]+/gu, ' ').trim();
  if (!/[\p{L}\p{N}]{2,}/u.test(words)) return 'empty';
  if (WHERE_TO_FIND.test(plainText)) return 'where_to_find';
  if (DONT_KNOW.test(plainText)) return 'unknown_model';
  const restated = restatesOrComplains(plainText);
  if (restated) return restated;
  if (NOT_AN_ANSWER.test(words)) return 'not_an_answer';
  return 'no_product_kind';
}

/** "I don't know the model", "can't find the sticker": a description is welcome instead. */
export const doesNotKnowModel = (plainText: string): boolean => DONT_KNOW.test(plainText) || WHERE_TO_FIND.test(plainText);
