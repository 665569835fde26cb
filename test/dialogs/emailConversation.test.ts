import { askedFor, createHarness, type Harness, texts } from '../helpers/harness';

/**
 * The conversation's email questions (design.md, "Contract additions": Email): the decision
 * offered by email after the assistant decides (`prompt: "email"`, declining is fine), a known
 * address getting it at once, "email me this conversation" at any point, and the abuse limits.
 * The mails are read back from the store's outbox, where the sender takes them.
 */
let h: Harness;
afterEach(() => h?.close());

const ANSWERS: Record<string, string> = {
  menu: 'I want to start a warranty claim',
  product: 'QT5682 4K bullet camera',
  purchaseDate: 'I bought it on February 20th',
  proofType: 'I have the receipt',
  problem: "it won't power on anymore",
  conditions: 'no, none of that',
  confirm: 'yes',
};

/** Answers every claim question (the receipt uploaded) until `until` is asked; returns that turn's replies. */
async function walkTo(harness: Harness, until: string, answers: Record<string, string> = {}) {
  let replies = await harness.join();
  for (let i = 0; i < 14 && askedFor(replies) !== until; i++) {
    const prompt = askedFor(replies) as string;
    replies = prompt === 'proofUpload' ? await harness.upload('receipt.jpg') : await harness.say(answers[prompt] ?? ANSWERS[prompt]);
  }
  if (askedFor(replies) !== until) throw new Error(`never reached ${until}`);
  return replies;
}

const outbox = async (harness: Harness) => (await harness.storage.outbox.page({}, 50, null)).items;

describe('after the decision', () => {
  test('offers the decision by email; an address gets the mail with the RMA number, then how did we do', async () => {
    h = await createHarness({ mail: {} });
    const decided = await walkTo(h, 'email');
    expect(texts(decided)).toMatch(/RMA number is/);
    expect(decided.at(-1)?.inputHint).toBe('expectingInput');
    const replies = await h.say('sure, it is Jane.Doe@example.com');
    expect(askedFor(replies)).toBe('csat');
    expect(texts(replies)).toContain("I've sent the details of your claim to Jane.Doe@example.com");
    const claim = await h.claim();
    expect(claim.customer.email).toBe('Jane.Doe@example.com');
    const [mail] = await outbox(h);
    expect(mail).toMatchObject({
      kind: 'decision',
      to: 'Jane.Doe@example.com',
      status: 'waiting',
      claimId: claim.id,
      requestedBy: 'customer',
    });
    expect(mail.subject).toContain(claim.rmaNumber as string);
    expect(mail.text).toContain(claim.rmaNumber as string);
    expect(mail.html).toContain(claim.rmaNumber as string);
  });

  test.each(['no thanks', 'no', 'skip', 'nah, I’m good'])('declining (%s) is fine: no mail, on to the rating', async (answer) => {
    h = await createHarness({ mail: {} });
    await walkTo(h, 'email');
    const replies = await h.say(answer);
    expect(askedFor(replies)).toBe('csat');
    expect(await outbox(h)).toEqual([]);
    expect((await h.claim()).customer.email).toBeNull();
  });

  test('a typo in the address is asked again with a hint, then the mail goes', async () => {
    h = await createHarness({ mail: {} });
    await walkTo(h, 'email');
    let replies = await h.say('jane@example');
    expect(askedFor(replies)).toBe('email');
    expect(texts(replies)).toMatch(/doesn’t look like a complete email address/);
    replies = await h.say('jane@example.com');
    expect(askedFor(replies)).toBe('csat');
    expect((await outbox(h)).map((m) => m.to)).toEqual(['jane@example.com']);
  });

  test('a not-covered decision is mailed with its reason; awaiting proof says what proof is needed', async () => {
    h = await createHarness({ mail: {} });
    await walkTo(h, 'email', { purchaseDate: 'I bought it on November 2nd last year' });
    await h.say('jane@example.com');
    let [mail] = await outbox(h);
    expect(mail.subject).toMatch(/not covered/);
    expect(mail.text).toMatch(/30 days/);
    await h.close();

    h = await createHarness({ mail: {} });
    let replies = await h.join();
    for (let i = 0; i < 14 && askedFor(replies) !== 'email'; i++) {
      const prompt = askedFor(replies) as string;
      replies = await h.say(prompt === 'proofUpload' ? "I'll send it later" : ANSWERS[prompt]);
    }
    expect((await h.claim()).status).toBe('awaiting_proof');
    await h.say('jane@example.com');
    [mail] = await outbox(h);
    expect(mail.subject).toMatch(/proof of purchase needed/);
    expect(mail.text).toMatch(/receipt/);
  });

  test('nothing is offered by email without mail (no SMTP_URL): straight to the rating', async () => {
    h = await createHarness();
    const replies = await walkTo(h, 'csat');
    expect(texts(replies)).not.toMatch(/email/i);
  });
});

describe('"email me this conversation"', () => {
  test('mid-claim: asks where, sends the transcript, and asks the same question again', async () => {
    h = await createHarness({ mail: {} });
    await walkTo(h, 'problem');
    let replies = await h.say('can you email me a copy of this chat?');
    expect(askedFor(replies)).toBe('email');
    replies = await h.say('bob@example.org');
    expect(texts(replies)).toContain("I've sent a copy of our conversation to bob@example.org");
    expect(askedFor(replies)).toBe('problem');
    const [mail] = await outbox(h);
    expect(mail).toMatchObject({ kind: 'transcript', to: 'bob@example.org' });
    expect(mail.text).toContain('QT5682 4K bullet camera');
    // the claim carries on where it was
    replies = await h.say("it won't power on anymore");
    expect(askedFor(replies)).toBe('conditions');
  });

  test('with a known address it is sent at once', async () => {
    h = await createHarness({ mail: {} });
    await walkTo(h, 'email');
    await h.say('bob@example.org');
    const replies = await h.say('email me this conversation please');
    expect(texts(replies)).toContain('bob@example.org');
    expect(askedFor(replies)).toBe('csat');
    expect((await outbox(h)).map((m) => m.kind).sort()).toEqual(['decision', 'transcript']);
  });

  test('declining the address question goes back to the claim', async () => {
    h = await createHarness({ mail: {} });
    await walkTo(h, 'purchaseDate');
    await h.say('send me the transcript');
    const replies = await h.say('never mind');
    expect(askedFor(replies)).toBe('purchaseDate');
    expect(await outbox(h)).toEqual([]);
  });

  test('an address in the request wins over the one known', async () => {
    h = await createHarness({ mail: {} });
    await walkTo(h, 'email');
    await h.say('old@example.com');
    const replies = await h.say('please email me this conversation at new@example.com');
    expect(texts(replies)).toContain('new@example.com');
    expect((await outbox(h)).map((m) => m.to)).toEqual(['new@example.com', 'old@example.com']);
    expect((await h.claim()).customer.email).toBe('new@example.com');
  });

  test('while waiting, a corrected address is the one we answer at', async () => {
    h = await createHarness({ mail: {} });
    await walkTo(h, 'purchaseDate');
    await h.say('I want to talk to a person');
    await h.say('jane@gmial.com');
    await h.say('sorry, I meant jane@gmail.com');
    const claim = await h.claim();
    expect(claim.customer.email).toBe('jane@gmail.com');
    expect(claim.handoff.callbackEmail).toBe('jane@gmail.com');
  });

  test('without mail nothing is caught: the message is an answer like any other', async () => {
    h = await createHarness();
    await walkTo(h, 'purchaseDate');
    const replies = await h.say('email me this conversation');
    expect(texts(replies)).not.toMatch(/email/i);
    expect(askedFor(replies)).toBe('purchaseDate');
  });

  test('while waiting for a person, with the address in the same message', async () => {
    h = await createHarness({ mail: {} });
    await walkTo(h, 'purchaseDate');
    await h.say('I want to talk to a person');
    const replies = await h.say('email me this conversation at wait@example.com');
    expect(texts(replies)).toContain('wait@example.com');
    expect((await outbox(h)).map((m) => [m.kind, m.to])).toEqual([['transcript', 'wait@example.com']]);
    expect((await h.claim()).handoff.callbackEmail).toBe('wait@example.com');
  });
});

describe('abuse limits', () => {
  test('a conversation gets a bounded number of mails per hour, then is told to wait', async () => {
    h = await createHarness({ mail: { perConversationPerHour: 2, perAddressPerHour: 10 } });
    await walkTo(h, 'problem');
    await h.say('email me this conversation');
    await h.say('one@example.com');
    await h.say('email me this conversation');
    const third = await h.say('email me this conversation');
    expect(texts(third)).toMatch(/can't send more email/);
    expect(await outbox(h)).toHaveLength(2);
    // an hour later it may send again
    h.clock.advance(60 * 60_000 + 1);
    expect(texts(await h.say('email me this conversation'))).toContain("I've sent");
  });

  test('an address gets a bounded number of mails per hour, whatever asked for them', async () => {
    h = await createHarness({ mail: { perAddressPerHour: 1 } });
    await walkTo(h, 'email');
    await h.say('victim@example.com');
    const replies = await h.say('email me this conversation');
    expect(texts(replies)).toMatch(/can't send more email/);
    expect(await outbox(h)).toHaveLength(1);
  });

  test('plus tags and dots do not make a new mailbox: the limit counts the inbox', async () => {
    h = await createHarness({ mail: { perAddressPerHour: 1, perConversationPerHour: 10 } });
    await walkTo(h, 'email');
    await h.say('v.ictim+1@gmail.com');
    const replies = await h.say('email me this conversation at victim+2@GMAIL.com');
    expect(texts(replies)).toMatch(/can't send more email/);
    expect(await outbox(h)).toHaveLength(1);
  });

  test("an agent's decision mail is not limited by what anonymous chats used up", async () => {
    h = await createHarness({ mail: { perHour: 1 } });
    await walkTo(h, 'email');
    await h.say('first@example.com');
    const claim = await h.claim();
    const mail = h.services.mail as NonNullable<typeof h.services.mail>;
    expect((await mail.decision(claim, 'second@example.com')).queued).toBe(false);
    expect((await mail.decision(claim, 'second@example.com', 'agent:ana')).queued).toBe(true);
  });

  test('the whole deployment sends a bounded number of mails to typed addresses per hour', async () => {
    h = await createHarness({ mail: { perHour: 2, perAddressPerHour: 10, perConversationPerHour: 10 } });
    await walkTo(h, 'email');
    await h.say('one@example.com');
    await h.say('email me this conversation at two@example.com');
    const replies = await h.say('email me this conversation at three@example.com');
    expect(texts(replies)).toMatch(/can't send more email/);
    expect(await outbox(h)).toHaveLength(2);
  });

  test('nothing goes to an address that bounced permanently', async () => {
    h = await createHarness({ mail: {} });
    await h.storage.outbox.suppress('gone@example.com', '550 no such user', h.clock.now().toISOString());
    await walkTo(h, 'email');
    const replies = await h.say('GONE@example.com');
    expect(texts(replies)).toMatch(/undeliverable/);
    expect(await outbox(h)).toEqual([]);
  });
});
