import type { Policy } from '../policy';
import { recognizeProduct } from '../products/recognizeProduct';
import type { ClaimFacts } from './claimFacts';

/**
 * The product a message names by its model number ("QC908 DVR"), as the catalogue knows it.
 * Only a model counts in passing: a kind of product said in any message ("my camera") is what
 * the customer talks about, not an answer to which product it is (that is the product question's
 * to read, with recognizeProduct). "the QT5682, not the QT426": the model said not to be it is no mention.
 * @example findProductMention("It's a QC908 DVR - I bought it …", policy) // { text: 'QC908 DVR', model: 'QC908', source: 'catalogue', family: 'QC' }
 */
export function findProductMention(raw: string, policy: Pick<Policy, 'product'>): ClaimFacts['product'] | null {
  // a model number has digits: most messages ("yes", "no, none of that") are done here, cheaply
  if (!/\d/.test(raw)) return null;
  const product = recognizeProduct(raw, policy);
  if (product.kind !== 'model') return null;
  return { text: product.text, model: product.model, source: product.source, family: product.family ?? null };
}

/** Whether an answer to "which product?" is one: a model or a description the catalogue reads as a product. */
export const answersWhichProduct = (text: string, policy: Pick<Policy, 'product'>): boolean =>
  recognizeProduct(text, policy).kind !== 'not_a_product';
