import type { Policy } from '../src/domain/policy';
import { recognizeProduct } from '../src/domain/products/recognizeProduct';
import { QuestionDialog } from '../src/runtime/questionDialog';
import { ask } from './prompting';

export const PRODUCT_DIALOG = 'productDialog';

/**
 * Asks which product the claim is about: a model number or a description. An answer that is not
 * one (a restated request, a complaint, "I don't know") is not taken: the re-ask answers what the
 * customer said. The answer's text goes to the claim, where the same recognizer reads it.
 */
export const productDialog = (policy: Policy) => {
  const model = policy.product.modelNumber;
  const choices = `the model number on the label (e.g. ${model.example}), or a short description like "outdoor dome camera"`;
  const whereItIs = `The model number is on a sticker on the camera or recorder, or on the box (${model.looksLike}).`;
  return new QuestionDialog<string>({
    id: PRODUCT_DIALOG,
    prompt: 'product',
    question: () =>
      ask(
        'product',
        `Which product is it? The model number (on the label or the box, e.g. ${model.example}) or a short description is fine.`,
      ),
    understand: (activity) => {
      const product = recognizeProduct(activity.text ?? '', policy);
      if (product.kind !== 'not_a_product') return { ok: true, value: (activity.text ?? '').trim() };
      return { ok: false, failure: product.mentions ? `${product.why}:${product.mentions}` : product.why };
    },
    rephrase: (attempt, failure) => {
      const [why, mentions] = failure.split(':');
      const later = attempt > 1 ? ` ${whereItIs}` : '';
      switch (why) {
        case 'restated_intent':
          return ask('product', `I understand, it's about a warranty claim — I just need to know which product it is: ${choices}.${later}`);
        case 'complaint':
          return ask(
            'product',
            mentions
              ? `Sorry it's giving you trouble — we'll get to what's wrong in a moment. Which ${mentions} is it? ${capitalised(choices)}.${later}`
              : `Sorry it's giving you trouble — we'll get to what's wrong in a moment. First, which product is it: ${choices}?${later}`,
          );
        case 'several_models':
          return ask('product', `Which one is the claim about: the ${mentions}?`);
        case 'unknown_model':
          return ask(
            'product',
            `No problem — a short description is fine, like "outdoor dome camera" or "8-channel DVR". ${whereItIs.replace('The model number is', 'If you want to look, the model number is')}`,
          );
        case 'where_to_find':
          return ask('product', `${whereItIs} If you can't find it, a short description like "outdoor dome camera" is fine.`);
        default:
          return ask(
            'product',
            attempt === 1
              ? `Sorry, I didn’t catch that. What is the product — for example "${model.example} bullet camera" or "8-channel DVR"?`
              : `${whereItIs} A description like "outdoor dome camera" works too.`,
          );
      }
    },
  });
};

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
