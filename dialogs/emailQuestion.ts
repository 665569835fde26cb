import { findEmailAddress, looksLikeEmailAttempt } from '../src/domain/emailAddress';
import { isNo, plain } from '../src/domain/text';
import { QuestionDialog } from '../src/runtime/questionDialog';
import { ask } from './prompting';

const NO_THANKS = 'No thanks';
const DECLINED =
  /\b(?:no thanks|no thank you|skip|not now|nope|nah|never ?mind|don'?t bother|that'?s ok|that'?s fine|it'?s fine|i'?m good|all good)\b/;

/**
 * Asks for an email address (`prompt: "email"`): an address is the answer, "no thanks" a fine one
 * too (null); a typo'd address is asked again; anything else three times in a row counts as no.
 */
export function emailQuestion(id: string, question: string): QuestionDialog<string | null> {
  return new QuestionDialog<string | null>({
    id,
    prompt: 'email',
    question: () => ask('email', question, [NO_THANKS]),
    understand: (activity) => {
      const text = activity.text ?? '';
      const address = findEmailAddress(text);
      if (address) return { ok: true, value: address };
      if (looksLikeEmailAttempt(text)) return { ok: false, failure: 'invalid' };
      const said = plain(text, 200);
      if (isNo(said) || DECLINED.test(said)) return { ok: true, value: null };
      return { ok: false, failure: 'unclear' };
    },
    rephrase: (_attempt, failure) =>
      ask(
        'email',
        failure === 'invalid'
          ? 'That doesn’t look like a complete email address — could you type it again (like name@example.com)? Or say "no thanks".'
          : 'Just type your email address (like name@example.com), or say "no thanks".',
        [NO_THANKS],
      ),
    maxAttempts: 3,
  });
}
