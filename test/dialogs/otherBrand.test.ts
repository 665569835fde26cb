import { loadPolicy } from '../../src/config/loadPolicy';
import { askedFor, createHarness, type Harness, texts } from '../helpers/harness';
import { OTHER_BRAND_POLICY_FILE } from '../helpers/policy';

// The brand, its model numbers and its window come from the policy file: with another brand's
// policy the assistant speaks for that brand, and nothing of Q-See's shows.
let h: Harness;
afterEach(() => h?.close());

describe("another brand's policy", () => {
  test("greets with the brand's name and asks for its kind of model number", async () => {
    h = await createHarness({ policy: loadPolicy(OTHER_BRAND_POLICY_FILE) });
    const said: string[] = [];
    const greeting = texts(await h.join());
    said.push(greeting);
    expect(greeting).toContain("I'm the Acme Cams support assistant");
    const product = await h.say('I want to start a warranty claim');
    expect(askedFor(product)).toBe('product');
    said.push(texts(product));
    expect(texts(product)).toContain('e.g. AC-4410');
    said.push(texts(await h.say('?')), texts(await h.say('?')));
    expect(said[2]).toContain('"AC-4410 bullet camera"');
    expect(said[3]).toContain('(it starts with AC, like AC-2210)');
    expect(said.join('\n')).not.toMatch(/Q-See|QT5682|QTN8086/);
  });

  test("finds the brand's model numbers and explains a decision with its window", async () => {
    h = await createHarness({ policy: loadPolicy(OTHER_BRAND_POLICY_FILE), now: '2026-09-15T15:00:00Z' });
    await h.join();
    const check = await h.say('My AC-4410 camera stopped working, I bought it on March 1st 2026');
    expect((await h.claim()).product.model).toBe('AC-4410');
    // past the window: the date is checked first, in the brand's own window
    expect(texts(check)).toContain('past the 90-day warranty');
    const replies = await h.say('yes');
    expect((await h.claim()).decision.outcome).toBe('not_covered');
    expect(texts(replies)).toContain('the warranty lasts 90 days from the date of purchase');
    expect(texts(replies)).not.toContain('30 days');
  });
});
