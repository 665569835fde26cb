import { createHarness, type Harness, texts } from '../helpers/harness';

/** Without SMTP_URL, an address left in the waiting room is kept for the call-back, as before mail (a review of issue 19 found it lost). */
let h: Harness;
afterEach(() => h?.close());

test('an address typed with a request for the conversation is still kept for the call-back', async () => {
  h = await createHarness();
  await h.join();
  await h.say('I want to talk to a person');
  expect((await h.claim()).status).toBe('pending_agent');
  const replies = await h.say('Please email me a copy of this chat and call me back: jane@example.com');
  expect((await h.claim()).handoff.callbackEmail).toBe('jane@example.com');
  expect(texts(replies)).not.toMatch(/can't send email/);
});
