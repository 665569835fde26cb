import type { Policy } from '../policy';
import { plain } from '../text';
import { findModels, joinSpacedModels } from './catalogueModels';
import { doesNotKnowModel, type NotAProductReason, restatesOrComplains, whyNotAProduct } from './nonAnswers';
import { type ProductPhrase, productPhrases } from './productPhrases';

/** How the claim's product was known: a catalogue model, a number in the model pattern only, or a description. */
export type ProductSource = 'catalogue' | 'model_pattern' | 'description';

/**
 * What an answer says about the product:
 * - `model`: a model number (the first one it names, except one it says it is not). `source` is
 *   `catalogue` when the catalogue knows the model, `model_pattern` when only the policy's
 *   model-number pattern matched (an unknown model, still taken). `family` is the catalogue
 *   family's code (by the number's prefix for an unknown model).
 * - `description`: no model number, but the answer reads as a product: it names a kind from the
 *   catalogue ("outdoor dome camera", "8-channel DVR", "the wifi camera", "the recorder"); said with
 *   a restated request or a complaint, only a kind with a qualifier ("my 8-channel DVR died"). `productKind` is the kind
 *   the first product phrase is about (its head: "4 camera security system" is a kit).
 * - `not_a_product`: anything else, with `why` (see NotAProductReason) so the re-ask can fit;
 *   `mentions` is the generic kind it named when there was one ("my camera is broken": "camera"),
 *   or, for `several_models`, the models it named ("QT426 or the QT5682").
 * `text` is what to keep as the claim's product text: the product words without the chatter
 * ("it's the QTN8086B camera system" → "QTN8086B camera system"; for `not_a_product`, the answer).
 */
export type ProductRecognition =
  | { kind: 'model'; model: string; source: 'catalogue' | 'model_pattern'; family?: string; text: string }
  | { kind: 'description'; source: 'description'; productKind?: string; text: string }
  | { kind: 'not_a_product'; why: NotAProductReason; mentions?: string; text: string };

const MAX_TEXT = 120;
/** Words with which customers take back what they just said: "QT5682 - actually no, the QC908". */
const SELF_CORRECTION = /\b(?:actually|sorry|i mean|i meant|wait|correction|oops|my mistake|rather|scratch that|no)\b/i;
/** What people put before the product: "it's the", "I have a", "yes, my". */
const LEAD =
  /^(?:(?:yes|yeah|yep|ok|okay|sure|well|um+|uh+|so|oh|hi|hello|sorry)\b[\s,.!-]*|(?:it'?s|it is|this is|that'?s|that is|i have|i've got|i got|i own|i bought|we have|we've got|we bought|i think it'?s|i think it is|i believe it'?s|i believe it is|the product is|product is|the model is|model is|its|just|only)\s+|(?:a|an|the|my|our|one|two|some)\s+)+/i;
const TRAIL = /[\s,.!?;:]+$/;

/**
 * Reads an answer to "which product is it?" (or any message, for the product it names).
 * The catalogue is policy data (policy.product.catalogue); without kinds in it, any answer that
 * is not plainly something else is taken as a description, as before the catalogue existed.
 * Pure and total: any input gives a recognition, bad input `not_a_product` (`empty`).
 * Any message, not only an answer to the product question, can be read with it (the facts
 * reader): `model` and `description` are products the message names; `not_a_product` means it
 * names none (a complaint about "my camera" is not a product: it says which one only with a
 * model number or a qualifier, "my outdoor dome camera keeps flickering").
 * @example recognizeProduct('QC908 8-channel DVR', qseePolicy) // { kind: 'model', model: 'QC908', source: 'catalogue', family: 'QC', text: 'QC908 8-channel DVR' }
 * @example recognizeProduct('my outdoor dome camera', qseePolicy) // { kind: 'description', productKind: 'dome_camera', text: 'outdoor dome camera', … }
 * @example recognizeProduct('I told you, my camera is broken', qseePolicy) // { kind: 'not_a_product', why: 'complaint', mentions: 'camera', … }
 */
export function recognizeProduct(raw: unknown, policy: Pick<Policy, 'product'>): ProductRecognition {
  const original = typeof raw === 'string' ? joinSpacedModels(raw.slice(0, 2000).normalize('NFKC').trim(), policy) : '';
  const text = plain(original);
  const models = findModels(original, policy);
  // "QT5682 - actually no, sorry, it is the QC908 DVR": the customer corrected themself, what follows
  // counts; "my old QT426 was fine, the new QT5682 won't power on": which one the claim is about is asked
  const distinct = [...new Set(models.map((m) => m.model))];
  if (distinct.length > 1) {
    const last = models[models.length - 1];
    const between = original.slice(models[0].end, last.start);
    const takenBack = SELF_CORRECTION.exec(between);
    if (!takenBack) return notAProduct('several_models', original, distinct.join(' or the '));
    return recognizeProduct(original.slice(models[0].end + takenBack.index), policy);
  }
  const phrases = productPhrases(original, models, policy);
  const chatter = restatesOrComplains(text);
  if (models.length) {
    const { model, known, family } = models[0];
    const withModel = phrases.find((p) => p.hasModel);
    const others = phrases.filter((p) => p !== withModel && p.kinds.length);
    const words = [withModel?.text ?? model, ...others.map((p) => p.text)].join(' ');
    return { kind: 'model', model, source: known ? 'catalogue' : 'model_pattern', ...(family ? { family } : {}), text: cap(words) };
  }
  const catalogue = policy.product.catalogue;
  const named = phrases.filter((p) => p.kinds.length);
  const description = (words: string, productKind?: string): ProductRecognition => ({
    kind: 'description',
    source: 'description',
    ...(productKind ? { productKind } : {}),
    text: cap(words),
  });
  if (!catalogue.kinds.length) {
    // no catalogue: as before it, any answer that is not plainly something else
    const why = whyNotAProduct(text);
    return why === 'no_product_kind' ? description(stripped(original, [])) : notAProduct(why, original);
  }
  if (!named.length) return notAProduct(whyNotAProduct(text), original);
  if (!chatter) return description(doesNotKnowModel(text) ? joined(named) : stripped(original, named), named[0].head);
  // said with a restated request or a complaint, a bare kind is the complaint's subject ("my DVR is
  // broken"): asked which one; a kind with a qualifier is a description ("my 8-channel DVR died")
  const qualified = named.filter((p) => p.qualified);
  if (qualified.length) return description(joined(qualified), qualified[0].head);
  return notAProduct(chatter, original, labelOf(named[0], catalogue.kinds));
}

const joined = (phrases: ProductPhrase[]): string => phrases.map((p) => p.text).join(', ');
const cap = (words: string): string => (words.length > MAX_TEXT ? `${words.slice(0, MAX_TEXT - 1).trimEnd()}…` : words);
/** The answer without what people say before the product and the closing punctuation; a long one, its product words. */
const stripped = (original: string, phrases: ProductPhrase[]): string => {
  const words = original.replace(/\s+/g, ' ').replace(LEAD, '').replace(TRAIL, '');
  return words && words.length <= MAX_TEXT ? words : joined(phrases) || original.replace(/\s+/g, ' ').trim();
};

const labelOf = (phrase: ProductPhrase, kinds: { code: string; label: string }[]): string | undefined =>
  kinds.find((k) => k.code === phrase.head)?.label;

function notAProduct(why: NotAProductReason, original: string, mentions?: string): ProductRecognition {
  return { kind: 'not_a_product', why, ...(mentions ? { mentions } : {}), text: cap(original.replace(/\s+/g, ' ').trim()) };
}

/**
 * Whether the product question has a re-ask that fits this message better than a note of what else
 * it said: a complaint or a restated request ("I told you, it's broken"), or two models to choose from.
 */
export function productQuestionReasksFittingly(raw: string, policy: Pick<Policy, 'product'>): boolean {
  const product = recognizeProduct(raw, policy);
  return product.kind === 'not_a_product' && ['complaint', 'restated_intent', 'several_models'].includes(product.why);
}
