import type { Policy } from '../policy';
import { classifyProof, type ProofAnswer } from '../proofClassifier';
import { findPhrase, plain } from '../text';

/** Says there is no proof at all, without naming a kind ("no proof of purchase", "it was a gift"). */
const NO_PROOF =
  /\b(?:no proof|without (?:a |any )?proof|(?:don'?t|do not|never) (?:have|had|got) (?:a |any )?proof|was a gift|got it as a gift|bought (?:it )?second ?hand)\b/;

/**
 * What a message says about the proof of purchase when it talks about one by name ("I have the
 * receipt", "I've got the invoice", "I lost the receipt"). Outside the proof question a loose
 * "I have"/"got" says nothing about proof, so a kind (or plainly "no proof") must be named;
 * a question ("do I need the receipt?") says nothing either.
 * @example findProofMention("it won't power on, I have the receipt", policy) // { type: 'receipt', availability: 'has_now' }
 */
export function findProofMention(raw: unknown, policy: Policy): ProofAnswer | null {
  const sentences = (plain(raw, 1000).match(/[^.!?;\n]+[.!?;]?/g) ?? []).filter((s) => !s.trim().endsWith('?'));
  const cues = policy.proof.types.flatMap((t) => t.cues);
  const all = sentences.flatMap((s) => s.split(/,|\s-\s|\s(?:and|but)\s/));
  const named = all.map((c, i) => ({ c, i })).filter(({ c }) => findPhrase(c, cues) || NO_PROOF.test(c));
  if (!named.length) return null;
  const clauses = named.map(({ c }) => c);
  const answer = classifyProof(clauses.join(', '), policy);
  // "the receipt's in the drawer, I'll dig it out": where it is may come in the next clause
  const later = named.some(({ i }) => all[i + 1] !== undefined && classifyProof(all[i + 1], policy).availability === 'not_at_hand');
  if (later && answer.availability !== 'lost') return { type: answer.type, availability: 'not_at_hand' };
  if (NO_PROOF.test(clauses.join(' ')) && answer.availability !== 'not_at_hand') return { type: answer.type, availability: 'lost' };
  return answer.availability === 'unknown' ? null : answer;
}
