import { findModelNumber } from '../claim';
import type { Policy } from '../policy';

const PRODUCT_NOUN =
  /^[\s-]*((?:\d{1,2}[- ]?(?:channel|ch|camera|cam)\s+)?(?:(?:bullet|dome|turret|ptz|wifi|wi-fi|wireless|outdoor|indoor|security|ip|poe|hd|4k|doorbell)\s+){0,2}(?:camera|cam|dvr|nvr|recorder|system|kit|doorbell|monitor)s?)\b/i;

const NEGATED_MODEL =
  /\b(?:not|isn'?t|wasn'?t|rather than|instead of)\s+(?:the\s+|a\s+|an\s+|my\s+)?q[a-z]{0,3}-?[a-z]?\d{3,5}[a-z0-9-]*/gi;

/**
 * The product a message names by its model number, with the product word that follows it
 * ("QC908 DVR"). The one place that recognizes a product in free text: a product catalogue
 * can replace the model-number pattern here without touching the callers.
 * @example findProductMention("It's a QC908 DVR - I bought it …", policy) // { text: 'QC908 DVR', model: 'QC908' }
 */
export function findProductMention(raw: string, policy: Pick<Policy, 'product'>): { text: string; model: string } | null {
  // "the QT5682, not the QT426": the model said not to be it is no mention
  const text = raw.replace(NEGATED_MODEL, ' ');
  const model = findModelNumber(text, policy);
  if (!model) return null;
  const at = text.toUpperCase().indexOf(model);
  const noun = at >= 0 ? PRODUCT_NOUN.exec(text.slice(at + model.length)) : null;
  return { text: noun ? `${model} ${noun[1].trim()}` : model, model };
}

/** Whether an answer to "which product?" describes one without a model number ("outdoor dome camera"). */
export const describesAProduct = (text: string): boolean =>
  /\b(?:camera|cam|dvr|nvr|recorder|system|kit|doorbell|monitor|bullet|dome|turret|ptz|hard drive|hdd)s?\b/i.test(text);
