import { QuestionDialog } from '../src/runtime/questionDialog';
import { ask } from './prompting';

export const PROBLEM_DIALOG = 'problemDialog';

/** Asks what is wrong with the product, in the customer's own words; a vague fault they already named is quoted, not their whole message. */
export const problemDialog = () =>
  new QuestionDialog<string, { mentioned?: string }>({
    id: PROBLEM_DIALOG,
    prompt: 'problem',
    question: (options) =>
      ask(
        'problem',
        options?.mentioned
          ? `You mentioned "${options.mentioned.slice(0, 80)}". What exactly does it do (or not do)? Anything that happened before it started helps too.`
          : "What's wrong with it? Tell me what happens (or doesn't), and anything that happened before it started.",
      ),
    understand: (activity) => {
      const text = activity.text?.trim() ?? '';
      return /[\p{L}]{2,}.*[\p{L}]{2,}/su.test(text) ? { ok: true, value: text } : { ok: false, failure: 'no_problem' };
    },
    rephrase: (attempt) =>
      ask(
        'problem',
        attempt === 1
          ? 'Could you describe the problem in a few words? For example "no picture at night" or "it won\'t power on".'
          : 'Just a short description helps — what does the product do wrong?',
      ),
  });
