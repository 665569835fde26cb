import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadPolicy } from '../../src/config/loadPolicy';
import { readPurchaseDate } from '../../src/domain/dates/readPurchaseDate';
import { parsePolicy } from '../../src/domain/policy';
import { OTHER_BRAND_POLICY_FILE, qseePolicy } from '../helpers/policy';

describe('policy files', () => {
  test('the Q-See policy loads with the 30-day window and all thirteen exclusions', () => {
    const policy = qseePolicy();
    expect(policy.window.days).toBe(30);
    expect(policy.exclusions.map((e) => e.code)).toHaveLength(13);
    expect(policy.proof.types.map((t) => t.code)).toEqual(['receipt', 'invoice', 'purchase_order', 'order_confirmation']);
  });

  test('the default policy is found without POLICY_FILE', () => {
    expect(loadPolicy().brand).toBe('Q-See');
  });

  test('another brand is another file, and its window changes the decision', () => {
    const acme = loadPolicy(OTHER_BRAND_POLICY_FILE);
    const now = new Date('2026-03-18T15:00:00Z');
    expect(readPurchaseDate('45 days ago', now, 'UTC', { windowDays: acme.window.days }).decision).toBe('within');
    expect(readPurchaseDate('45 days ago', now, 'UTC', { windowDays: qseePolicy().window.days }).decision).toBe('outside');
  });

  test.each<[string, (p: Record<string, any>) => void, RegExp]>([
    ['a negative window', (p) => (p.window.days = -1), /window\.days/],
    ['an unknown exclusion code', (p) => (p.exclusions[0].code = 'alien_abduction'), /exclusions\.0\.code/],
    ['a missing answer', (p) => delete p.faq[0].answer, /faq\.0\.answer/],
    ['an empty cue list', (p) => (p.proof.types[0].cues = []), /proof\.types\.0\.cues/],
    ['a bad link', (p) => (p.links.returns = 'not a url'), /links\.returns/],
    [
      'a model-number pattern that is not a regular expression',
      (p) => (p.product.modelNumber.pattern = '(Q'),
      /product\.modelNumber\.pattern/,
    ],
    [
      'a catalogue model in no family',
      (p) => (p.product.catalogue.models[0].family = 'ZZ'),
      /product\.catalogue: every model names a family/,
    ],
    ['a family prefix in lower case', (p) => (p.product.catalogue.families[0].prefix = 'qt'), /product\.catalogue\.families\.0\.prefix/],
    ['a kind without words', (p) => (p.product.catalogue.kinds[0].words = []), /product\.catalogue\.kinds\.0\.words/],
    ['a hint question without hints', (p) => (p.exclusions[7].hintQuestions[0].hints = []), /exclusions\.7\.hintQuestions\.0\.hints/],
  ])('a policy with %s is refused, naming the field', (_name, spoil, field) => {
    const data = JSON.parse(JSON.stringify(qseePolicy()));
    spoil(data);
    expect(() => parsePolicy(data, 'test')).toThrow(field);
  });

  test('the product catalogue, hint questions and not-cues are optional: a policy without them loads with empty ones', () => {
    const acme = loadPolicy(OTHER_BRAND_POLICY_FILE);
    expect(acme.product.catalogue).toEqual({ kinds: [], qualifiers: [], families: [], models: [] });
    expect(acme.exclusions.every((e) => e.hintQuestions.length === 0 && e.notCues.length === 0)).toBe(true);
    const qsee = qseePolicy();
    expect(qsee.product.catalogue.models.map((m) => m.model)).toEqual(expect.arrayContaining(['QT5682', 'QTN8086B', 'QC908', 'QCN8001B']));
    expect(qsee.product.catalogue.kinds.find((k) => k.code === 'camera')?.specific).toBe(false);
    expect(qsee.product.catalogue.kinds.find((k) => k.code === 'dvr')?.specific).toBe(true);
  });

  test('a file that is not JSON is refused with its path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'policy-'));
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{ not json');
    expect(() => loadPolicy(file)).toThrow(/cannot read policy .*broken\.json/);
  });
});
