import type { Policy } from '../src/domain/policy';
import { QuestionDialog } from '../src/runtime/questionDialog';
import { ask } from './prompting';

export const PRODUCT_DIALOG = 'productDialog';

/** Asks which product the claim is about: a model number or a description. */
export const productDialog = (policy: Policy) => {
  const model = policy.product.modelNumber;
  return new QuestionDialog<string>({
    id: PRODUCT_DIALOG,
    prompt: 'product',
    question: () =>
      ask(
        'product',
        `Which product is it? The model number (on the label or the box, e.g. ${model.example}) or a short description is fine.`,
      ),
    understand: (activity) => {
      const text = activity.text?.trim() ?? '';
      return /[\p{L}\p{N}]{2,}/u.test(text) ? { ok: true, value: text } : { ok: false, failure: 'no_product' };
    },
    rephrase: (attempt) =>
      ask(
        'product',
        attempt === 1
          ? `Sorry, I didn’t catch that. What is the product — for example "${model.example} bullet camera" or "8-channel DVR"?`
          : `The model number is on a sticker on the camera or recorder, or on the box (${model.looksLike}). A description like "outdoor dome camera" works too.`,
      ),
  });
};
