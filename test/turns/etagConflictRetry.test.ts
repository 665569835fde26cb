import pg from 'pg';
import type { App } from '../../src/app';
import { TURN_ATTEMPTS } from '../../src/turns/turnRunner';
import { channelActivity, postToChannelEndpoint } from '../helpers/channelActivity';
import { startFakeConnector } from '../helpers/fakeConnector';
import { ON_POSTGRES } from '../helpers/postgres';
import { rawDirectLineCustomer } from '../helpers/rawDirectLine';
import { databaseUrlFor, postgresOnly, STORE } from '../helpers/store';
import { startTestApp } from '../helpers/testApp';

/*
 * A turn's dialog state is written with the eTag it was read with. When someone writes that state
 * between the turn's read and its write (a write that bypassed the conversation's lock, an old
 * instance in a rolling deploy), the write is refused — and the turn is run again from a fresh read:
 * the customer reads one ordinary answer, their message is kept once, and the conversation goes on.
 */
describe(`an eTag conflict in a customer's turn (${STORE})`, () => {
  let app: App;
  let base: string;
  let outside: pg.Client | undefined;
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;

  beforeAll(async () => {
    connector = await startFakeConnector();
    const started = await startTestApp();
    ({ app, base } = started);
    if (ON_POSTGRES) {
      outside = new pg.Client({ connectionString: await databaseUrlFor(started.dataDir) });
      await outside.connect();
    }
  });
  afterAll(async () => {
    await outside?.end();
    await app.close();
    await connector.close();
  });

  /**
   * Makes the next `times` state writes that carry an eTag meet a state someone else has just
   * rewritten (the same data under a new eTag): on a connection of its own on PostgreSQL, outside the turn.
   */
  function rewriteStateBeforeTurnsWrite(times: number) {
    const store = app.storage.botState;
    const original = store.writeJson.bind(store);
    const seen = { conflicts: 0, writes: 0 };
    store.writeJson = async (key, json, eTag, now) => {
      if (eTag && eTag !== '*') {
        seen.writes++;
        if (seen.conflicts < times) {
          seen.conflicts++;
          if (outside) await outside.query("UPDATE bot_state SET etag = 'rewritten-' || $2 WHERE key = $1", [key, seen.conflicts]);
          else await original(key, (await store.readJson(key))?.json ?? '{}', '*');
        }
      }
      return original(key, json, eTag, now);
    };
    return { seen, restore: () => (store.writeJson = original) };
  }

  const says = (conversationId: string) =>
    connector.posted.filter((p) => p.conversationId === conversationId).map((p) => p.activity as { text?: string; channelData?: any });

  test('on a channel: run again from a fresh read, one normal answer, the claim goes on', async () => {
    const conversationId = `etag-${STORE}-channel`;
    const post = (text: string) =>
      postToChannelEndpoint(base, channelActivity(connector.url, conversationId, { text })).then((r) => r.status);
    expect(await post('hi')).toBe(200);
    const hook = rewriteStateBeforeTurnsWrite(1);
    try {
      expect(await post('start a warranty claim')).toBe(200);
    } finally {
      hook.restore();
    }
    // the first attempt's write was refused, the second (from the rewritten state) went through
    expect(hook.seen).toEqual({ conflicts: 1, writes: 2 });
    expect(await post('QT5682')).toBe(200);

    const prompts = says(conversationId).map((a) => a.channelData?.prompt);
    expect(prompts.filter((p) => p === 'product')).toHaveLength(1);
    expect(prompts.at(-1)).toBe('purchaseDate');
    expect(says(conversationId).some((a) => /something went wrong/i.test(a.text ?? ''))).toBe(false);
    const claims = await app.storage.claims.page({ conversationId }, 10, null);
    expect(claims.items.map((claim) => [claim.status, claim.product.model])).toEqual([['in_progress', 'QT5682']]);
  });

  test(`a conflict every time is given up after ${TURN_ATTEMPTS} attempts`, async () => {
    const conversationId = `etag-${STORE}-always`;
    const post = (text: string) =>
      postToChannelEndpoint(base, channelActivity(connector.url, conversationId, { text })).then((r) => r.status);
    expect(await post('hi')).toBe(200);
    const hook = rewriteStateBeforeTurnsWrite(Number.POSITIVE_INFINITY);
    try {
      await post('start a warranty claim');
    } finally {
      hook.restore();
    }
    // then the usual error path: on SQLite it resets the dialog (one write more); on PostgreSQL the failed unit keeps nothing
    expect(hook.seen.writes).toBe(ON_POSTGRES ? TURN_ATTEMPTS : TURN_ATTEMPTS + 1);
    // no attempt's answer left before its failure: the question is never asked twice
    expect(says(conversationId).filter((a) => a.channelData?.prompt === 'product').length).toBeLessThanOrEqual(1);
  });

  // SQLite's group commit keeps a failed turn's Direct Line replies (they are stored as the bot says
  // them): there the turn is not run again but takes the usual error path — and SQLite has no writer
  // outside the turn queue that could cause a conflict (one process owns the file).
  postgresOnly('on Direct Line', () => {
    test('run again: the message stored once, one answer, no apology', async () => {
      const customer = await rawDirectLineCustomer(base);
      const conversationId = customer.session.conversationId;
      try {
        await customer.asked('menu');
        const hook = rewriteStateBeforeTurnsWrite(1);
        try {
          expect(await customer.say('start a warranty claim')).toBe(200);
          await customer.asked('product');
        } finally {
          hook.restore();
        }
        expect(hook.seen).toEqual({ conflicts: 1, writes: 2 });
        expect(await customer.say('QT5682')).toBe(200);
        await customer.asked('purchaseDate');

        const texts = (await app.storage.directLine.messages(conversationId)).map((entry) => entry.text ?? '');
        expect(texts.filter((text) => text === 'start a warranty claim')).toHaveLength(1);
        expect(texts.some((text) => /something went wrong/i.test(text))).toBe(false);
        expect(customer.seen.filter((a) => a.channelData?.prompt === 'product')).toHaveLength(1);
        expect(customer.seen.filter((a) => a.text === 'start a warranty claim')).toHaveLength(1);
      } finally {
        customer.close();
      }
    });
  });
});
