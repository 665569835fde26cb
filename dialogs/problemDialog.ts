import { isNo, plain } from '../src/domain/text';
import { QuestionDialog } from '../src/runtime/questionDialog';
import { ask } from './prompting';

export const PROBLEM_DIALOG = 'problemDialog';

export interface ProblemOptions {
  /** The fault the customer already named ("stopped recording"): the question quotes it instead of their whole message. */
  mentioned?: string;
  /** Whether that fault only says something is wrong ("stopped working"). */
  vague?: boolean;
}

/** "No, that's it": nothing to add to the fault already named. */
const NOTHING_TO_ADD =
  /^(?:no\b|nope|nah|nothing(?: else)?|that'?s (?:it|all)|not really|none|just that|only that|no,? (?:that'?s|thats) (?:it|all))/;

/**
 * Asks what is wrong with the product, in the customer's own words. A fault they already named
 * is quoted and followed up once — what it does when it was vague, what happened before it
 * when it was specific (a cause told here, such as "a 24V adapter", decides the claim).
 */
export const problemDialog = () =>
  new QuestionDialog<string, ProblemOptions>({
    id: PROBLEM_DIALOG,
    prompt: 'problem',
    question: (options) => ask('problem', question(options)),
    understand: (activity, _context, options) => {
      const text = activity.text?.trim() ?? '';
      const mentioned = options?.mentioned;
      // a short "no" adds nothing; "no, but it did fall off the shelf" adds a cause
      const short = text.split(/\s+/).length <= 5;
      if (mentioned && !options.vague && short && (isNo(text) || NOTHING_TO_ADD.test(plain(text)))) return { ok: true, value: mentioned };
      if (!/[\p{L}]{2,}.*[\p{L}]{2,}/su.test(text)) return { ok: false, failure: 'no_problem' };
      return { ok: true, value: mentioned && !options.vague ? `${mentioned}; ${text}` : text };
    },
    rephrase: (attempt) =>
      ask(
        'problem',
        attempt === 1
          ? 'Could you describe the problem in a few words? For example "no picture at night" or "it won\'t power on".'
          : 'Just a short description helps — what does the product do wrong?',
      ),
  });

function question(options: ProblemOptions | undefined): string {
  const mentioned = options?.mentioned?.slice(0, 80);
  if (mentioned && options?.vague)
    return `You mentioned "${mentioned}". What exactly does it do (or not do)? Anything that happened before it started helps too.`;
  if (mentioned)
    return `You mentioned "${mentioned}". Did anything happen before it started, or is there anything else I should know? If not, just say "no".`;
  return "What's wrong with it? Tell me what happens (or doesn't), and anything that happened before it started.";
}
