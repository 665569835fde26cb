import type { Policy, ProofType } from './policy';
import { findPhrase, plain } from './text';

/** Whether the customer can send a digital copy now. */
export type ProofAvailability = 'has_now' | 'not_at_hand' | 'lost' | 'unknown';

export interface ProofAnswer {
  type: ProofType | null;
  availability: ProofAvailability;
}

const OTHER_PROOF = [
  'bank statement',
  'credit card statement',
  'card statement',
  'paypal',
  'screenshot of the payment',
  'warranty card',
  'packing slip',
  'gift receipt',
];
const NOT_AT_HAND = [
  'at home',
  'at work',
  'not with me',
  'not on me',
  'later',
  'tonight',
  'tomorrow',
  'this weekend',
  'look for it',
  'find it',
  'dig it up',
  'dig it out',
  'somewhere',
  'in my email',
  'in my inbox',
  'in the garage',
  'in the box',
  'in a drawer',
  'in the car',
  "can't get to it",
  'cant get to it',
  'right now',
  'at the moment',
  'need to find',
  'have to find',
  'will send',
  "i'll send",
  'i will send',
  "i'll upload",
  'upstairs',
  'in my files',
  'not handy',
  'have to look',
  'need to look',
  'have to check',
];
const LOST = [
  'lost',
  "can't find",
  'cant find',
  'cannot find',
  "couldn't find",
  'no receipt',
  "don't have",
  'dont have',
  'do not have',
  'never got',
  "didn't get",
  'didnt get',
  'threw it away',
  'thrown away',
  'threw away',
  'no proof',
  'nothing',
  'none',
  'gift',
  'present',
  'second hand',
  'secondhand',
  'used from',
  'no idea where',
  'not sure where it was bought',
  "don't know where",
];
const HAS_NOW = [
  'have',
  'got',
  'yes',
  'yep',
  'yeah',
  'here',
  'attached',
  'attaching',
  'i can upload',
  'sure',
  'uploading',
  'sending it',
  'ready',
  'in hand',
];

/**
 * Reads an answer to "what proof of purchase do you have?": which kind and whether a
 * digital copy can come now.
 * @example classifyProof("the invoice is in my email, I can't get to it right now", policy)
 *   // { type: 'invoice', availability: 'not_at_hand' }
 */
export function classifyProof(raw: unknown, policy: Policy): ProofAnswer {
  const text = plain(raw);
  const type = policy.proof.types.find((t) => findPhrase(text, t.cues))?.code ?? (findPhrase(text, OTHER_PROOF) ? 'other' : null);
  let availability: ProofAvailability = 'unknown';
  if (findPhrase(text, NOT_AT_HAND)) availability = 'not_at_hand';
  else if (findPhrase(text, LOST)) availability = 'lost';
  else if (type || findPhrase(text, HAS_NOW)) availability = 'has_now';
  return { type, availability };
}
