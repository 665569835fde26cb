import { askedFor, createHarness, type Harness, handoffEvent, texts } from '../helpers/harness';

let h: Harness;
afterEach(() => h?.close());

const DEFAULTS: Record<string, string> = {
  menu: 'I want to start a warranty claim',
  product: 'QT5682 4K bullet camera',
  purchaseDate: 'I bought it on February 20th',
  proofType: 'I have the receipt',
  problem: "it won't power on anymore",
  conditions: 'no, none of that',
  confirm: 'yes',
};

/** Walks a claim up to (and including) the answer to `until`; returns the bot's replies to it. */
async function walk(harness: Harness, answers: Record<string, string>, until: string) {
  let replies = await harness.join();
  for (let i = 0; i < 12; i++) {
    const prompt = askedFor(replies) as string;
    const answer = prompt === 'proofUpload' ? null : (answers[prompt] ?? DEFAULTS[prompt]);
    replies = answer === null ? await harness.upload('receipt.jpg') : await harness.say(answer);
    if (prompt === until) return replies;
  }
  throw new Error(`never reached ${until}`);
}

describe('at the product question, an answer that is not an answer is not taken as one (issue 16, item 6)', () => {
  test.each<[string, RegExp]>([
    ['I want to make a warranty claim', /I understand, it's about a warranty claim — I just need to know which product it is/],
    ['I need help with a warranty claim please', /I just need to know which product it is/],
    ['help', /I just need to know which product it is/],
    ['I told you, my camera is broken', /Which camera is it\? The model number on the label \(e\.g\. QT5682\)/],
    ['ugh, the DVR keeps rebooting, I already said', /Which DVR is it\?/],
    ['like I said, it stopped working', /we'll get to what's wrong in a moment\. First, which product is it/],
    ["it's broken", /which product is it/],
    ['the one I bought', /Sorry, I didn’t catch that/],
    ['yes', /Sorry, I didn’t catch that/],
    ["I don't know the model", /a short description is fine, like "outdoor dome camera"/],
    ['idk', /a short description is fine/],
    ['where do I find the model number?', /on a sticker on the camera or recorder, or on the box/],
    ['I have two, a QT5682 and a QC908, the DVR won’t boot', /Which one is the claim about: the QT5682 or the QC908\?/],
  ])('"%s" is asked again, fittingly, and the product given next is taken', async (answer, reask) => {
    h = await createHarness();
    await walk(h, {}, 'menu');
    const replies = await h.say(answer);
    expect(askedFor(replies)).toBe('product');
    expect(texts(replies)).toMatch(reask);
    expect((await h.claim()).product.text).toBe('');
    expect(askedFor(await h.say("it's the QTN8086B camera system"))).toBe('purchaseDate');
    expect((await h.claim()).product).toEqual({ text: 'QTN8086B camera system', model: 'QTN8086B', source: 'catalogue', family: 'QTN' });
  });

  test.each<[string, { text: string; model: string | null; source: string; family: string | null }]>([
    ['QC908 8-channel DVR', { text: 'QC908 8-channel DVR', model: 'QC908', source: 'catalogue', family: 'QC' }],
    ['my camera, model QT5682', { text: 'QT5682 camera', model: 'QT5682', source: 'catalogue', family: 'QT' }],
    ['QT9999 dome camera', { text: 'QT9999 dome camera', model: 'QT9999', source: 'model_pattern', family: 'QT' }],
    ['the outdoor dome camera', { text: 'outdoor dome camera', model: null, source: 'description', family: null }],
    ['my 8-channel DVR is broken', { text: '8-channel DVR', model: null, source: 'description', family: null }],
    ['the recorder', { text: 'recorder', model: null, source: 'description', family: null }],
  ])('"%s" is taken, and the claim records how', async (answer, product) => {
    h = await createHarness();
    await walk(h, {}, 'menu');
    expect(askedFor(await h.say(answer))).toBe('purchaseDate');
    expect((await h.claim()).product).toEqual(product);
  });

  test('"I don\'t know the model", then a description, is taken as the description', async () => {
    h = await createHarness();
    await walk(h, {}, 'menu');
    await h.say("I don't know the model");
    expect(askedFor(await h.say('the wifi camera on the porch'))).toBe('purchaseDate');
    expect((await h.claim()).product).toMatchObject({ text: 'wifi camera on the porch', model: null, source: 'description' });
  });

  test('three answers that are not a product bring in a person, as before', async () => {
    h = await createHarness();
    await walk(h, {}, 'menu');
    await h.say('I want to make a warranty claim');
    await h.say('I told you, it is broken');
    const replies = await h.say("I don't know");
    expect(handoffEvent(replies)?.value).toMatchObject({ reason: 'repeated_misunderstanding' });
  });
});

describe('a hint is a question before it is a hand-off (issue 16, item 11)', () => {
  const condensation = 'there is condensation inside the lens and the picture is foggy';

  test('the follow-up asks about the condition hinted at, once; a clear no rules it out and the others are still asked', async () => {
    h = await createHarness();
    let replies = await walk(h, { problem: condensation }, 'problem');
    expect(askedFor(replies)).toBe('conditions');
    expect(texts(replies)).toMatch(/You mentioned “condensation” — has water or moisture got into it/);
    replies = await h.say("no, it's rated for outdoors and it's under the eaves");
    expect(askedFor(replies)).toBe('conditions');
    expect(texts(replies)).toMatch(/apart from that, has the product been/);
    expect(texts(replies)).not.toMatch(/used outside its specifications/);
    expect(texts(replies)).toMatch(/dropped, hit or damaged in an accident/);
    expect((await h.claim()).conditions.unsure).toEqual([]);
    replies = await h.say('no, none of that');
    expect(askedFor(replies)).toBe('confirm');
    await h.say('yes');
    expect(await h.claim()).toMatchObject({
      status: 'rma_issued',
      decision: { outcome: 'covered' },
      conditions: { exclusions: [], unsure: [] },
    });
  });

  test.each<[string, string, string, string]>([
    ['it died right after the storm', 'storm', 'yes it was out in the storm', 'power_surge'],
    [condensation, 'condensation', 'yes, water got into it', 'unsuitable_environment'],
    ['the image is frozen every morning', 'frozen', 'yeah it was iced over', 'unsuitable_environment'],
  ])('%s → a clear yes settles it as that exclusion', async (problem, phrase, yes, exclusion) => {
    h = await createHarness();
    const replies = await walk(h, { problem }, 'problem');
    expect(texts(replies)).toContain(`You mentioned “${phrase}”`);
    expect(askedFor(await h.say(yes))).toBe('confirm');
    await h.say('yes');
    expect(await h.claim()).toMatchObject({
      status: 'not_covered',
      decision: { reasons: ['excluded_condition'] },
      conditions: { exclusions: [exclusion] },
    });
  });

  test('a stated condition in the answer decides as anywhere', async () => {
    h = await createHarness();
    await walk(h, { problem: condensation }, 'problem');
    expect(askedFor(await h.say('no, but I dropped it last week'))).toBe('confirm');
    expect((await h.claim()).conditions.exclusions).toEqual(['accident']);
  });

  test('unsure gets one more plain follow-up, then a person', async () => {
    h = await createHarness();
    await walk(h, { problem: 'it died right after the storm' }, 'problem');
    let replies = await h.say("I'm not sure");
    expect(askedFor(replies)).toBe('conditions');
    expect(texts(replies)).toMatch(/It matters because the warranty doesn't cover damage from being hit by a power surge or lightning/);
    replies = await h.say("I honestly can't tell");
    expect(handoffEvent(replies)?.value).toMatchObject({ reason: 'uncertain_condition' });
    expect((await h.claim()).conditions.unsure).toEqual(['power_surge']);
  });

  test('unsure, then a clear no after all, goes on to the decision', async () => {
    h = await createHarness();
    await walk(h, { problem: 'it died right after the storm' }, 'problem');
    await h.say('maybe?');
    expect(askedFor(await h.say("no, it didn't"))).toBe('confirm');
    expect((await h.claim()).conditions.unsure).toEqual([]);
  });

  test('an answer that settles nothing is asked again once, then a person', async () => {
    h = await createHarness();
    await walk(h, { problem: condensation }, 'problem');
    let replies = await h.say('nothing besides what I told you');
    expect(askedFor(replies)).toBe('conditions');
    expect(texts(replies)).toMatch(/did it happen — "yes", "no", or "I'm not sure"/);
    replies = await h.say('the lens');
    expect(handoffEvent(replies)?.value).toMatchObject({ reason: 'uncertain_condition' });
  });

  test('two hints are asked about one after the other, each once', async () => {
    h = await createHarness();
    let replies = await walk(h, { problem: 'after the storm there was condensation inside' }, 'problem');
    const first = texts(replies);
    replies = await h.say('no');
    const second = texts(replies);
    expect([first, second].join('\n')).toMatch(/“storm”[\s\S]*“condensation”|“condensation”[\s\S]*“storm”/);
    replies = await h.say('no');
    expect(texts(replies)).toMatch(/apart from that/);
    expect(texts(replies)).not.toMatch(/You mentioned/);
    expect(askedFor(await h.say('none of those'))).toBe('confirm');
  });

  test('without a hint the conditions are asked as before', async () => {
    h = await createHarness();
    const replies = await walk(h, {}, 'problem');
    expect(texts(replies)).toMatch(/^A few things aren't covered by the warranty, so I have to ask/m);
    expect(texts(replies)).not.toMatch(/You mentioned/);
  });

  test('"nothing apart from what I told you" when nothing was noted is asked again, not taken as none', async () => {
    h = await createHarness();
    let replies = await walk(h, { conditions: 'no, nothing apart from what I told you' }, 'conditions');
    expect(askedFor(replies)).toBe('conditions');
    expect(texts(replies)).toMatch(/I don't have anything noted about that so far/);
    replies = await h.say('no');
    expect(askedFor(replies)).toBe('confirm');
  });

  test('"nothing else" after a hint was ruled out is a plain none', async () => {
    h = await createHarness();
    await walk(h, { problem: condensation }, 'problem');
    await h.say('no');
    expect(askedFor(await h.say('nothing else'))).toBe('confirm');
  });
});
