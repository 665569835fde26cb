import { newClaim } from '../../../src/domain/claim';
import { acknowledgement } from '../../../src/domain/claimFacts/acknowledgement';
import { answersQuestion, factAskedBy } from '../../../src/domain/claimFacts/askedFact';
import { isCorrection } from '../../../src/domain/claimFacts/correctionCue';
import { readClaimFacts } from '../../../src/domain/claimFacts/readClaimFacts';
import { qseePolicy } from '../../helpers/policy';

const policy = qseePolicy();
const ctx = { now: new Date('2026-04-08T16:00:00Z'), timeZone: 'America/New_York', policy };
const answers = (prompt: string, text: string) =>
  answersQuestion(prompt, text, readClaimFacts(text, { ...ctx, asked: factAskedBy(prompt) }), policy);

describe('answersQuestion: does the message answer the question, or only bring another fact?', () => {
  test.each<[string, string, boolean]>([
    ['purchaseDate', 'I lost the receipt', false],
    ['purchaseDate', 'before I forget, it fell off the shelf', false],
    ['purchaseDate', 'April 1st, and I lost the receipt', true],
    ['purchaseDateClarify', 'the second one', true],
    ['purchaseDateClarify', 'the one in October', true],
    ['purchaseDateClarify', 'I have the invoice', false],
    ['proofType', 'oh and it got wet in the rain', false],
    ['proofType', 'yes', true],
    ['proofType', "no, I don't", true],
    ['proofType', 'the receipt', true],
    ['proofUpload', 'it keeps rebooting', false],
    ['proofUpload', "I'll send it later", true],
    ['proofUpload', 'I lost it, I lost the receipt', true],
    ['product', 'I have the receipt', false],
    ['product', 'the outdoor dome camera', true],
    ['product', 'QT5682', true],
    ['problem', 'I have the receipt', false],
    ['problem', 'it got wet and now it is dead', true],
    ['problem', 'no picture at night', true],
    ['problem', 'no, but it did fall off the shelf last week', true],
    ['problem', 'the QT426', false],
    ['conditions', 'no, none of those', true],
    ['conditions', 'I have the receipt', false],
    ['confirm', 'anything', true],
    ['menu', 'anything', true],
  ])('%s: %s → %s', (prompt, text, expected) => {
    expect(answers(prompt, text)).toBe(expected);
  });

  test.each<[string | undefined, string | null]>([
    ['product', 'product'],
    ['purchaseDate', 'purchase'],
    ['purchaseDateClarify', 'purchase'],
    ['proofType', 'proof'],
    ['proofUpload', 'proof'],
    ['problem', 'problem'],
    ['conditions', 'conditions'],
    ['confirm', null],
    ['menu', null],
    ['csat', null],
    ['no such prompt', null],
    [undefined, null],
  ])('the %s question asks for %s', (prompt, fact) => {
    expect(factAskedBy(prompt)).toBe(fact);
  });
});

describe('isCorrection', () => {
  test.each<[string, boolean]>([
    ['wait, it was March 3rd, not the 13th', true],
    ['sorry, the date is wrong - it was the 2nd of November', true],
    ['hang on, it was actually five weeks ago, not two', true],
    ['I do have the receipt after all', true],
    ['my mistake, it is the QT5682', true],
    ['it should be the 3rd', true],
    ['I have the receipt', false],
    ['April 2nd', false],
    ['it keeps rebooting', false],
    ['', false],
  ])('%s → %s', (text, expected) => {
    expect(isCorrection(text)).toBe(expected);
  });
});

describe('acknowledgement: the fact is kept for its own step', () => {
  test('a lost receipt at another question', () => {
    const claim = newClaim('c', 'conv', ctx.now, policy.version, ctx.timeZone);
    claim.proof = { type: 'receipt', files: [], availability: 'lost' };
    expect(acknowledgement(['proof'], claim, policy)).toBe("No problem, we'll come back to the receipt.");
  });
  test('a proof of unknown kind, and a condition', () => {
    const claim = newClaim('c', 'conv', ctx.now, policy.version, ctx.timeZone);
    claim.proof = { type: null, files: [], availability: 'lost' };
    expect(acknowledgement(['proof', 'conditions'], claim, policy)).toMatch(
      /^No problem, we'll come back to the proof of purchase\. Thanks/,
    );
  });
  test('a fact the claim already has is acknowledged as known', () => {
    expect(acknowledgement([], newClaim('c', 'conv', ctx.now, policy.version, ctx.timeZone), policy)).toBe('Thanks, I have that already.');
  });
});
