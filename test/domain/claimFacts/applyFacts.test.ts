import { type Claim, newClaim } from '../../../src/domain/claim';
import { applyFacts } from '../../../src/domain/claimFacts/applyFacts';
import type { ClaimFacts } from '../../../src/domain/claimFacts/claimFacts';
import { correctedFacts } from '../../../src/domain/claimFacts/correction';
import { readClaimFacts } from '../../../src/domain/claimFacts/readClaimFacts';
import { qseePolicy } from '../../helpers/policy';

const policy = qseePolicy();
const ctx = { now: new Date('2026-04-08T16:00:00Z'), timeZone: 'America/New_York', policy };
const facts = (text: string) => readClaimFacts(text, ctx);

/** A claim with every fact given: QT426, bought March 13, receipt lost, "no picture", no conditions. */
function givenClaim(): Claim {
  const claim = newClaim('c1', 'conv', ctx.now, policy.version, ctx.timeZone);
  claim.product = { text: 'QT426 camera', model: 'QT426' };
  claim.purchase = { text: 'March 13th', date: '2026-03-13', earliest: null, latest: null, readings: [] };
  claim.proof = { type: 'receipt', files: [], availability: 'lost' };
  claim.problem = { text: 'no picture' };
  return claim;
}

describe('applyFacts: a volunteered fact fills a gap, a correction replaces', () => {
  test('an empty claim takes every fact of the message', () => {
    const claim = newClaim('c1', 'conv', ctx.now, policy.version, ctx.timeZone);
    const changed = applyFacts(claim, facts("my QT5682 I bought two weeks ago won't power on, I have the receipt"), policy, {
      correcting: false,
    });
    expect(changed.sort()).toEqual(['problem', 'product', 'proof', 'purchase']);
    expect(claim).toMatchObject({
      product: { text: 'QT5682', model: 'QT5682' },
      purchase: { date: '2026-03-25' },
      proof: { type: 'receipt', availability: 'has_now' },
      problem: { text: "won't power on" },
    });
  });

  test.each<[string, string]>([
    ['it was bought April 2nd', 'purchase'],
    ["it's the QT5682", 'product'],
    ['I do have the receipt', 'proof'],
    ['it keeps flickering', 'problem'],
  ])('volunteered, %s does not overwrite the %s the customer gave', (text) => {
    const claim = givenClaim();
    expect(applyFacts(claim, facts(text), policy, { correcting: false })).toEqual([]);
    expect(claim).toEqual(givenClaim());
  });

  test.each<[string, string, Partial<Claim>]>([
    [
      'wait, it was March 3rd, not the 13th',
      'purchase',
      { purchase: { text: 'wait, it was March 3rd, not the 13th', date: '2026-03-03', earliest: null, latest: null, readings: [] } },
    ],
    ['actually it is the QT5682, not the QT426', 'product', { product: { text: 'QT5682', model: 'QT5682' } }],
    ['I do have the receipt after all', 'proof', { proof: { type: 'receipt', files: [], availability: 'has_now' } }],
  ])('as a correction, %s replaces the %s', (text, name, expected) => {
    const claim = givenClaim();
    expect(applyFacts(claim, facts(text), policy, { correcting: true })).toEqual([name]);
    expect(claim).toMatchObject(expected);
  });

  test('a model completes a product described without one', () => {
    const claim = givenClaim();
    claim.product = { text: 'outdoor dome camera', model: null };
    expect(applyFacts(claim, facts("oh it's the QT5682 by the way"), policy, { correcting: false })).toEqual(['product']);
    expect(claim.product).toEqual({ text: 'outdoor dome camera', model: 'QT5682', source: 'catalogue', family: 'QT' });
  });

  test('conditions only add up, a plain one replaces an unsure one', () => {
    const claim = givenClaim();
    claim.conditions = { reported: ['maybe it got wet'], exclusions: [], unsure: ['unsuitable_environment', 'accident'] };
    expect(applyFacts(claim, facts('it fell off the shelf'), policy, { correcting: false })).toEqual(['conditions']);
    expect(claim.conditions.exclusions).toEqual(['accident']);
    expect(claim.conditions.unsure).toEqual(['unsuitable_environment']);
    expect(applyFacts(claim, facts('it fell off the shelf'), policy, { correcting: false })).toEqual([]);
  });

  test('the question being asked reads its own fact', () => {
    const claim = newClaim('c1', 'conv', ctx.now, policy.version, ctx.timeZone);
    expect(applyFacts(claim, facts('QT5682, bought April 2nd'), policy, { correcting: false, skip: ['product'] })).toEqual(['purchase']);
    expect(claim.product.text).toBe('');
  });

  test('a vague fault is no problem description', () => {
    const claim = newClaim('c1', 'conv', ctx.now, policy.version, ctx.timeZone);
    expect(applyFacts(claim, facts('it stopped working'), policy, { correcting: false })).toEqual([]);
  });

  test('a date the reader would not decide on is kept only for a caller that clarifies it next', () => {
    const undecided: ClaimFacts = facts('I bought it on 4/3');
    expect(undecided.purchase?.reading.decision).toBe('ask');
    const claim = newClaim('c1', 'conv', ctx.now, policy.version, ctx.timeZone);
    expect(applyFacts(claim, undecided, policy, { correcting: false })).toEqual([]);
    expect(applyFacts(claim, undecided, policy, { correcting: false, undecidedDates: true })).toEqual(['purchase']);
  });

  test('a copy already uploaded is not undone by talk about the proof', () => {
    const claim = givenClaim();
    claim.proof = { type: 'receipt', files: [{ id: 'f', name: 'r.jpg', contentType: 'image/jpeg', size: 3 }], availability: 'has_now' };
    expect(applyFacts(claim, facts('sorry, I lost the receipt'), policy, { correcting: true })).toEqual([]);
  });
});

describe('correctedFacts: what a confirmation answer corrects', () => {
  test.each<[string, string[]]>([
    ['wait, it was March 3rd, not the 13th', ['purchase']],
    ['no - the date is wrong, it was March 3rd', ['purchase']],
    ['hang on, it was actually five weeks ago, not two', ['purchase']],
    ['actually it’s the QT5682, not the QT426', ['product']],
    ['I do have the receipt after all', ['proof']],
    ['oh, and it fell off the ladder once', ['conditions']],
    ['yes', []],
    ['yes, the QT426 is right', []],
    ['yes, bought March 13th', []],
    ['no', []],
    ['it still shows no picture', []],
    ['', []],
  ])('%s → %j', (text, expected) => {
    expect(correctedFacts(givenClaim(), facts(text), policy)).toEqual(expected);
  });

  test('an answer naming a field corrects only that field', () => {
    expect(correctedFacts(givenClaim(), facts('the purchase date - it was March 3rd, the QT5682'), policy, 'purchase')).toEqual([
      'purchase',
    ]);
  });

  test('the claim itself is not changed', () => {
    const claim = givenClaim();
    correctedFacts(claim, facts('wait, it was March 3rd, not the 13th'), policy);
    expect(claim).toEqual(givenClaim());
  });
});
