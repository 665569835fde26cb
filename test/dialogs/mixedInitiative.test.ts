import { askedFor, createHarness, type Harness, handoffEvent, texts } from '../helpers/harness';

// Monday 2026-03-02, 12:30 in New York (the harness default)
let h: Harness;
afterEach(() => h?.close());

/** Starts a conversation with `opening` and returns the bot's first question after it. */
async function open(opening: string) {
  await h.join();
  return h.say(opening);
}

/** Answers every question with `answers[prompt]` (a file for the upload) until `until` is asked; returns that turn's replies. */
async function answerUntil(replies: Awaited<ReturnType<Harness['say']>>, answers: Record<string, string>, until: string) {
  const asked: string[] = [];
  for (let i = 0; i < 12; i++) {
    const prompt = askedFor(replies) as string;
    asked.push(prompt);
    if (prompt === until) return { replies, asked };
    replies = prompt === 'proofUpload' ? await h.upload('receipt.jpg') : await h.say(answers[prompt] ?? DEFAULTS[prompt]);
  }
  throw new Error(`never reached ${until}: ${asked.join(' ')}`);
}

const DEFAULTS: Record<string, string> = {
  menu: 'I want to start a warranty claim',
  product: 'QT5682 bullet camera',
  purchaseDate: 'February 20th',
  proofType: 'I have the receipt',
  problem: 'no, nothing else',
  conditions: 'no, none of those',
  confirm: 'yes',
};

describe('item 5: every answer is read for every claim fact', () => {
  test.each([
    ["Hi, my QT5682 I bought on Amazon two weeks ago won't power on, I have the receipt", 'QT5682', '2026-02-16', 'receipt'],
    ['my QTN8086B NVR keeps rebooting, bought it Feb 25 and I’ve got the invoice', 'QTN8086B', '2026-02-25', 'invoice'],
    ['QC908 DVR, purchased 3 days ago, no video on any channel. Receipt is here', 'QC908', '2026-02-27', 'receipt'],
  ])('the opening %j goes straight to the upload', async (opening, model, date, proof) => {
    h = await createHarness();
    const replies = await open(opening);
    expect(askedFor(replies)).toBe('proofUpload');
    expect(await h.claim()).toMatchObject({ product: { model }, purchase: { date }, proof: { type: proof, availability: 'has_now' } });
  });

  test('an answer to the product question that also gives the date, the proof and the problem', async () => {
    h = await createHarness({ now: '2026-11-24T19:00:00Z', timeZone: 'Europe/London' });
    let replies = await open('hello, I need to sort out a warranty claim');
    expect(askedFor(replies)).toBe('product');
    replies = await h.say(
      "It's a QC908 DVR - I bought it from Currys on the 9th of November and I've got the invoice. It keeps rebooting every few minutes.",
    );
    expect(askedFor(replies)).toBe('proofUpload');
    const claim = await h.claim();
    expect(claim).toMatchObject({
      product: { text: 'QC908 DVR', model: 'QC908' },
      purchase: { date: '2026-11-09' },
      proof: { type: 'invoice', availability: 'has_now' },
      problem: { text: 'keeps rebooting every few minutes' },
    });
    const { asked } = await answerUntil(replies, {}, 'confirm');
    expect(asked).not.toContain('purchaseDate');
    expect(asked).not.toContain('proofType');
  });

  test('numbers in a problem are no purchase date', async () => {
    h = await createHarness();
    let replies = await open('I need help with a warranty claim');
    ({ replies } = await answerUntil(replies, {}, 'problem'));
    await h.say('it reboots every 5 minutes since the 3rd update');
    expect((await h.claim()).purchase.date).toBe('2026-02-20');
  });

  test('"no, none of those" at the date question is not a conditions answer', async () => {
    h = await createHarness();
    let replies = await open('I need help with a warranty claim');
    ({ replies } = await answerUntil(replies, {}, 'purchaseDate'));
    replies = await h.say('no, none of those');
    expect(askedFor(replies)).toBe('purchaseDate');
    ({ replies } = await answerUntil(await h.say('February 20th'), {}, 'conditions'));
    expect(askedFor(replies)).toBe('conditions');
  });

  test('"I have the receipt" at the problem question is not a problem: noted, and the problem asked again', async () => {
    h = await createHarness();
    let replies = await open('I need help with a warranty claim');
    ({ replies } = await answerUntil(replies, { proofType: 'I have the invoice', proofUpload: '' }, 'problem'));
    replies = await h.say('I have the receipt');
    expect(askedFor(replies)).toBe('problem');
    expect((await h.claim()).problem.text).toBe('');
  });

  test('a volunteered fact does not overwrite one the customer gave', async () => {
    h = await createHarness();
    let replies = await open('my QT5682 stopped recording, bought it February 20th');
    ({ replies } = await answerUntil(replies, {}, 'proofType'));
    await h.say('the QT426 one, I have the receipt');
    expect((await h.claim()).product.model).toBe('QT5682');
  });
});

describe('item 7: out-of-order facts are kept, and the question re-asked without counting a failure', () => {
  test('"I lost the receipt" at the date question is kept for the proof step', async () => {
    h = await createHarness();
    let replies = await open("my QC908 DVR keeps beeping and won't record");
    expect(askedFor(replies)).toBe('purchaseDate');
    replies = await h.say('I lost the receipt');
    expect(texts(replies)).toMatch(/No problem, we'll come back to the receipt\. Do you remember roughly when you bought it\?/);
    expect(askedFor(replies)).toBe('purchaseDate');
    expect((await h.claim()).proof).toMatchObject({ type: 'receipt', availability: 'lost' });
    replies = await h.say('February 25th');
    // the proof step does not ask again which proof: it says how to get a copy
    expect(texts(replies)).toMatch(/resend a receipt/);
    expect(askedFor(replies)).not.toBe('proofType');
  });

  test('the re-ask is not an attempt: the date question still has all its attempts', async () => {
    h = await createHarness();
    let replies = await open('my QC908 DVR keeps beeping');
    replies = await h.say('I lost the receipt');
    replies = await h.say('before I forget, it fell off the shelf');
    replies = await h.say('hmm');
    replies = await h.say('what?');
    expect(handoffEvent(replies)).toBeUndefined();
    expect(askedFor(replies)).toBe('purchaseDate');
  });

  test('only two re-asks are free: a customer who keeps answering something else is understood by the question', async () => {
    h = await createHarness();
    await open('my QC908 DVR keeps beeping');
    for (let i = 0; i < 4; i++) expect(handoffEvent(await h.say('I lost the receipt'))).toBeUndefined();
    const replies = await h.say('I lost the receipt');
    // two free re-asks, then the date question's own three attempts: a person takes over
    expect(handoffEvent(replies)).toBeDefined();
  });

  test.each([
    ['proofType', "oh and it got wet in the rain - it's an indoor camera but I had it out on the balcony", 'unsuitable_environment'],
    ['purchaseDate', 'before I forget, it fell off the shelf when I was dusting', 'accident'],
    ['product', 'my kid knocked it off the wall', 'accident'],
    ['proofUpload', 'by the way there was a power surge last week', 'power_surge'],
  ])('a condition told at the %s question counts as a conditions answer', async (at, text, code) => {
    h = await createHarness();
    let replies = await open('I need help with a warranty claim');
    ({ replies } = await answerUntil(replies, {}, at));
    replies = await h.say(text);
    expect(askedFor(replies)).toBe(at);
    const claim = await h.claim();
    expect([...claim.conditions.exclusions, ...claim.conditions.unsure]).toContain(code);
    // to the end: confirmed and decided, or a person asked to look (a hint's follow-up answered unclearly)
    for (let i = 0; i < 12 && !handoffEvent(replies) && askedFor(replies) !== 'confirm'; i++) {
      const prompt = askedFor(replies) as string;
      replies =
        prompt === 'proofUpload'
          ? await h.upload('receipt.jpg')
          : await h.say(prompt === 'conditions' ? 'no, nothing apart from what I told you' : DEFAULTS[prompt]);
    }
    if (askedFor(replies) === 'confirm') replies = await h.say('yes');
    const decided = await h.claim();
    // never covered silently: refused for the condition, or a person looks at it
    expect(decided.decision.outcome === 'not_covered' || decided.status === 'pending_agent').toBe(true);
  });
});

describe('item 7: another fact at any question, in other words', () => {
  test.each<[string, string, RegExp, (claim: Awaited<ReturnType<Harness['claim']>>) => unknown, unknown]>([
    ['product', "I don't have the receipt anymore", /come back to the receipt/, (c) => c.proof.availability, 'lost'],
    ['product', 'the invoice is in my email, I can get it later', /come back to the invoice/, (c) => c.proof.availability, 'not_at_hand'],
    ['purchaseDate', 'it keeps going offline every night', /noted what's wrong/, (c) => c.problem.text, 'keeps going offline every night'],
    ['proofType', 'sorry, I bought it on February 10th, not the 20th', /noted when you bought it/, (c) => c.purchase.date, '2026-02-10'],
    ['proofType', 'I bought it on February 20th', /have that already/, (c) => c.purchase.date, '2026-02-20'],
    ['conditions', 'I have the receipt', /have that already/, (c) => c.conditions.exclusions, []],
    ['problem', 'actually it is the QT426', /noted the product/, (c) => c.product.model, 'QT426'],
  ])('at the %s question, %j is kept and the question asked again', async (at, text, ack, pick, expected) => {
    h = await createHarness();
    let replies = await open('I need help with a warranty claim');
    ({ replies } = await answerUntil(replies, { proofType: 'I have the receipt' }, at));
    replies = await h.say(text);
    expect(texts(replies)).toMatch(ack);
    expect(askedFor(replies)).toBe(at);
    expect(pick(await h.claim())).toEqual(expected);
  });
});

describe('item 9: late corrections at the confirmation', () => {
  async function atConfirm(purchase = 'February 20th', extra: Record<string, string> = {}) {
    let replies = await open('I need help with a warranty claim');
    ({ replies } = await answerUntil(replies, { purchaseDate: purchase, ...extra }, 'confirm'));
    return replies;
  }

  test.each([
    ['wait, it was January 30th, not the 13th', 'February 13th', '2026-01-30', 'not_covered'],
    ['sorry, the date is wrong - it was the 2nd of February', 'the 20th of February', '2026-02-02', 'covered'],
    ['hang on, it was actually five weeks ago, not two', 'two weeks ago', '2026-01-26', 'not_covered'],
    ['no - the date is wrong, it was January 3rd', 'February 20th', '2026-01-03', 'not_covered'],
  ])('%j changes the date, shows the summary again, and is not asked again', async (correction, first, date, outcome) => {
    h = await createHarness();
    await atConfirm(first);
    let replies = await h.say(correction);
    expect(askedFor(replies)).toBe('confirm');
    expect(texts(replies)).toMatch(/Thanks — I’ve changed that/);
    expect((await h.claim()).purchase.date).toBe(date);
    replies = await h.say('yes');
    expect((await h.claim()).decision.outcome).toBe(outcome);
  });

  test('"the purchase date - it was …" after "what should I change?" carries the new value', async () => {
    h = await createHarness();
    await atConfirm('February 20th');
    let replies = await h.say('No, change something');
    expect(texts(replies)).toMatch(/What should I change/);
    replies = await h.say('the purchase date - it was January 3rd');
    expect(askedFor(replies)).toBe('confirm');
    expect((await h.claim()).purchase.date).toBe('2026-01-03');
  });

  test('"what should I change?" answered with only the field asks for it again, as before', async () => {
    h = await createHarness();
    await atConfirm('February 20th');
    await h.say('No, change something');
    const replies = await h.say('the purchase date');
    expect(askedFor(replies)).toBe('purchaseDate');
  });

  test('"actually it’s the QT5682, not the QT426" changes the product', async () => {
    h = await createHarness();
    await atConfirm('February 20th', { product: 'QT426 camera' });
    const replies = await h.say("actually it's the QT5682, not the QT426");
    expect(askedFor(replies)).toBe('confirm');
    expect((await h.claim()).product.model).toBe('QT5682');
    expect(texts(replies)).toMatch(/QT5682/);
  });

  test('"I do have the receipt after all" asks for the copy', async () => {
    h = await createHarness();
    await atConfirm('February 20th', { proofType: "I don't have one" });
    expect((await h.claim()).proof.availability).toBe('lost');
    let replies = await h.say('I do have the receipt after all');
    expect(askedFor(replies)).toBe('proofUpload');
    replies = await h.upload('receipt.jpg');
    expect(askedFor(replies)).toBe('confirm');
    replies = await h.say('yes');
    expect((await h.claim()).decision.outcome).toBe('covered');
  });

  test('a plain "yes" that repeats a fact is no correction', async () => {
    h = await createHarness();
    await atConfirm('February 20th');
    await h.say('yes, bought February 20th');
    expect((await h.claim()).decision.outcome).toBe('covered');
  });
});

describe('item 10: the problem from what the customer already said', () => {
  test('an opening that names a model and a fault starts the claim without the menu', async () => {
    h = await createHarness();
    const replies = await open('my QTH8052D keeps flickering');
    expect(askedFor(replies)).toBe('purchaseDate');
    expect(await h.claim()).toMatchObject({ product: { model: 'QTH8052D' }, problem: { text: 'keeps flickering' } });
  });

  test('the follow-up names the fault, never the whole opening', async () => {
    h = await createHarness();
    let replies = await open('Hi there, my QT5682 camera that I bought from Best Buy stopped powering on');
    ({ replies } = await answerUntil(replies, {}, 'problem'));
    expect(texts(replies)).toMatch(/You mentioned "stopped powering on"\. Did anything happen before it started/);
    expect(texts(replies)).not.toMatch(/Best Buy/);
    replies = await h.say('no');
    expect(askedFor(replies)).toBe('conditions');
    expect((await h.claim()).problem.text).toBe('stopped powering on');
  });

  test('a cause told in the follow-up reaches the claim', async () => {
    h = await createHarness();
    let replies = await open('Hi, my camera stopped recording');
    ({ replies } = await answerUntil(replies, {}, 'problem'));
    await h.say("I plugged it into a 24V adapter from my old system and now it's dead");
    const claim = await h.claim();
    expect(claim.problem.text).toMatch(/^stopped recording; I plugged it/);
    expect(claim.conditions.exclusions).toContain('incorrect_power_supply');
  });

  test.each([
    ['no', 'stopped powering on'],
    ["nope, that's all", 'stopped powering on'],
    ['no, but it did fall off the shelf last week', 'stopped powering on; no, but it did fall off the shelf last week'],
  ])('the follow-up answered %j', async (answer, problem) => {
    h = await createHarness();
    let replies = await open('my QT5682 stopped powering on');
    ({ replies } = await answerUntil(replies, {}, 'problem'));
    await h.say(answer);
    expect((await h.claim()).problem.text).toBe(problem);
  });

  test('a vague fault is asked about, quoting only the fault', async () => {
    h = await createHarness();
    let replies = await open('Hi, my QT5682 camera has stopped working');
    ({ replies } = await answerUntil(replies, {}, 'problem'));
    expect(texts(replies)).toMatch(/You mentioned "stopped working"\. What exactly does it do/);
    await h.say('no picture at night');
    expect((await h.claim()).problem.text).toBe('no picture at night');
  });
});
