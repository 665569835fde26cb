import { type Claim, newClaim } from '../../src/domain/claim';
import { type Actor, mayCorrect } from '../../src/domain/claimLifecycle';
import { readCorrection } from '../../src/domain/factCorrection';
import { qseePolicy } from '../helpers/policy';

/* Who may correct a claim's facts, and how each value is read (issue 21, item 1). */
const policy = qseePolicy();
const BO: Actor = { kind: 'agent', id: 'bo' };
const ANA: Actor = { kind: 'admin', id: 'ana' };

describe('mayCorrect', () => {
  test.each([
    ['the agent with the chat', 'with_agent', 'bo', BO, true],
    ['another agent', 'with_agent', 'cy', BO, false],
    ['an agent on a waiting claim', 'pending_agent', null, BO, false],
    ['an agent on a decided claim of theirs', 'not_covered', 'bo', BO, false],
    ['an admin on someone else’s chat', 'with_agent', 'bo', ANA, true],
    ['an admin on a waiting claim', 'pending_agent', null, ANA, true],
    ['an admin on a covered claim (nobody could decide it again)', 'rma_issued', null, ANA, false],
    ['an admin on a claim that is not covered', 'not_covered', 'bo', ANA, false],
    ['an admin on a claim awaiting its proof', 'awaiting_proof', null, ANA, false],
    ['an admin while the assistant fills it in', 'in_progress', null, ANA, false],
    ['an admin on a closed claim', 'closed', 'bo', ANA, false],
    ['the customer', 'with_agent', 'bo', { kind: 'customer', id: null }, false],
    ['the bot', 'with_agent', 'bo', { kind: 'bot', id: null }, false],
  ] as const)('%s', (_, status, owner, actor, allowed) => {
    expect(mayCorrect(status, owner, actor)).toBe(allowed);
  });
});

describe('readCorrection', () => {
  // began on Mar 2 at 01:00 UTC: still Mar 1 in New York
  const claim = (): Claim => {
    const c = newClaim('c1', 'conv', new Date('2026-03-02T01:00:00Z'), 'v1', 'America/New_York');
    c.purchase = { text: 'early Feb', date: null, earliest: '2026-02-01', latest: '2026-02-10', readings: [] };
    return c;
  };
  test('a date replaces the range; the words stay and are what the record keeps', () => {
    const read = readCorrection(claim(), 'purchase_date', '2026-03-01', policy);
    if (!read.ok) throw new Error(read.problem);
    expect(read.correction).toMatchObject({ oldValue: '2026-02-01..2026-02-10', newValue: '2026-03-01', customerWords: 'early Feb' });
    const c = claim();
    read.correction.apply(c);
    expect(c.purchase).toEqual({ text: 'early Feb', date: '2026-03-01', earliest: null, latest: null, readings: [] });
  });
  test.each([
    ['the day after the claim began in its timezone', 'purchase_date', '2026-03-02'],
    ['a month 13', 'purchase_date', '2026-13-01'],
    ['a proof kind outside the policy', 'proof_type', 'photo'],
    ['a condition outside the policy', 'conditions', ['cosmic_rays']],
    ['an object as product', 'product', { text: 'QT5682' }],
  ])('%s is refused', (_, field, value) => {
    expect(readCorrection(claim(), field, value, policy).ok).toBe(false);
  });
  test('a product the catalogue knows gets its model and family, as the assistant reads it', () => {
    const read = readCorrection(claim(), 'product', 'the QT5682 camera', policy);
    if (!read.ok) throw new Error(read.problem);
    const c = claim();
    read.correction.apply(c);
    expect(c.product).toMatchObject({ model: 'QT5682', source: 'catalogue' });
  });
  test('a product loses direction overrides and invisible marks (the console must show what is stored)', () => {
    const read = readCorrection(claim(), 'product', 'zz unknown\u202Eeliforp\u200B thing', policy);
    expect(read.ok && read.correction.newValue).toBe('zz unknowneliforp thing');
    expect(readCorrection(claim(), 'product', '\u202E\u200B', policy).ok).toBe(false);
  });
  test('proof "none" clears the kind', () => {
    const c = claim();
    c.proof.type = 'receipt';
    const read = readCorrection(c, 'proof_type', 'none', policy);
    expect(read.ok && read.correction.newValue).toBeNull();
  });
});

describe('a correction that changes nothing is refused (it would count as a misreading)', () => {
  const claim = (): Claim => {
    const c = newClaim('c1', 'conv', new Date('2026-03-02T17:00:00Z'), 'v1', 'America/New_York');
    c.purchase = { text: 'on Feb 20', date: '2026-02-20', earliest: null, latest: null, readings: [] };
    c.proof.type = 'receipt';
    c.conditions = { ...c.conditions, exclusions: ['accident'], unsure: [] };
    return c;
  };
  test.each([
    ['the same day', 'purchase_date', '2026-02-20', false],
    ['another day', 'purchase_date', '2026-02-21', true],
    ['the same proof kind', 'proof_type', 'receipt', false],
    ['another proof kind', 'proof_type', 'invoice', true],
    ['the same conditions', 'conditions', ['accident'], false],
    ['the same conditions, repeated', 'conditions', ['accident', 'accident'], false],
    ['no conditions', 'conditions', [], true],
  ] as const)('%s', (_, field, value, accepted) => {
    const read = readCorrection(claim(), field, value, policy);
    expect(read.ok).toBe(accepted);
    if (!read.ok) expect(read.problem).toBe('That is what the claim says already: nothing to correct.');
  });
  test('the same conditions still settle what the assistant was unsure of: that is a correction', () => {
    const c = claim();
    c.conditions.unsure = ['misuse'];
    expect(readCorrection(c, 'conditions', ['accident'], policy).ok).toBe(true);
  });
});
