import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type App, createApp } from '../../src/app';
import { fixedClock } from '../../src/clock';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logger';
import type { Db } from '../../src/storage/sqlite/database';
import { channelActivity, postToChannelEndpoint } from '../helpers/channelActivity';
import { type Posted, startFakeConnector } from '../helpers/fakeConnector';
import { FILES } from '../helpers/harness';
import { rawDirectLineCustomer } from '../helpers/rawDirectLine';
import { openDatabaseFile } from '../helpers/sqlite';

/**
 * What a customer is shown is already in the database: a second connection, reading the
 * moment the reply arrives, sees the decision it announces. The commit is held until someone
 * waits for it (a test hook), so a reply that does not wait provably arrives first.
 */

interface Stored {
  status: string;
  rmaNumber: string | null;
}

let app: App;
let base: string;
let dataDir: string;
let reader: Db;
let connector: Awaited<ReturnType<typeof startFakeConnector>>;
let failNextCommit = false;
/** Each reply as it arrived at the connector, with the claim a second connection read at that moment. */
const arrivals: Array<{ posted: Posted; stored: Stored | null }> = [];

const storedClaim = (conversationId: string): Stored | null => {
  const row = reader
    .prepare('SELECT data FROM claims WHERE conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1')
    .get(conversationId) as { data: string } | undefined;
  if (!row) return null;
  const claim = JSON.parse(row.data);
  return { status: claim.status, rmaNumber: claim.rmaNumber };
};

beforeAll(async () => {
  connector = await startFakeConnector(FILES, (posted) => arrivals.push({ posted, stored: storedClaim(posted.conversationId) }));
  dataDir = mkdtempSync(path.join(tmpdir(), 'warranty-order-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    BOOTSTRAP_AGENT_USERNAME: 'ana',
    BOOTSTRAP_AGENT_PASSWORD: 'correct horse',
  });
  app = await createApp(config, {
    clock: fixedClock('2026-03-02T17:30:00Z'),
    logger: createLogger('silent'),
    groupCommit: {
      commitOnlyWhenAwaited: true,
      beforeCommit: () => {
        if (!failNextCommit) return;
        failNextCommit = false;
        throw new Error('test: the disk is full');
      },
    },
  });
  base = `http://127.0.0.1:${(await app.listen()).port}`;
  reader = openDatabaseFile(dataDir, { readonly: true });
});
afterAll(async () => {
  reader.close();
  await app.close();
  await connector.close();
});

const post = (conversationId: string, extra: Record<string, unknown>) =>
  postToChannelEndpoint(base, channelActivity(connector.url, conversationId, extra));

/** Everything of a covered claim up to its confirmation question. */
async function claimUpToConfirmation(conversationId: string) {
  for (const extra of [
    { text: 'my camera stopped working' },
    { text: 'QT5682' },
    { text: 'February 20th' },
    { text: 'I have the receipt' },
    { text: '', attachments: [{ contentType: 'image/jpeg', contentUrl: `${connector.url}/files/receipt.jpg`, name: 'IMG_1.jpg' }] },
    { text: 'it will not power on' },
    { text: 'no, none of that' },
  ])
    expect((await post(conversationId, extra)).status).toBe(200);
  const asked = arrivals.filter((a) => a.posted.conversationId === conversationId && a.posted.activity.inputHint === 'expectingInput');
  expect(asked.at(-1)?.posted.activity.channelData?.prompt).toBe('confirm');
}

const RMA = /RMA-2026-\d{6}/;

describe('replies never run ahead of the database', () => {
  test('/api/messages: the reply with the RMA number arrives after the decision is committed', async () => {
    const conv = 'order-rma';
    await claimUpToConfirmation(conv);
    expect((await post(conv, { text: 'yes' })).status).toBe(200);
    const decision = arrivals.find((a) => a.posted.conversationId === conv && RMA.test(a.posted.activity.text ?? ''));
    expect(decision).toBeDefined();
    const number = RMA.exec(decision?.posted.activity.text)?.[0];
    expect(decision?.stored).toEqual({ status: 'rma_issued', rmaNumber: number });
  });

  test('/api/messages: the hand-off notice arrives after the hand-off is committed', async () => {
    const conv = 'order-handoff';
    expect((await post(conv, { text: 'I want to talk to a person' })).status).toBe(200);
    const notice = arrivals.find((a) => a.posted.conversationId === conv && a.posted.activity.name === 'handoff.initiate');
    expect(notice?.stored?.status).toBe('pending_agent');
  });

  test('Direct Line: the frame with the RMA number arrives after the decision is committed', async () => {
    const frames: Array<{ text: string; stored: Stored | null }> = [];
    let conversationId = '';
    const customer = await rawDirectLineCustomer(base, (activities) => {
      for (const a of activities) if (RMA.test(a.text ?? '')) frames.push({ text: a.text ?? '', stored: storedClaim(conversationId) });
    });
    conversationId = customer.session.conversationId;
    try {
      await customer.asked('menu');
      for (const [text, next] of [
        ['my camera stopped working', 'product'],
        ['QT5682', 'purchaseDate'],
        ['February 20th', 'proofType'],
        ['I have the receipt', 'proofUpload'],
      ]) {
        expect(await customer.say(text)).toBe(200);
        await customer.asked(next);
      }
      expect(await customer.upload('receipt.jpg', FILES['receipt.jpg'])).toBe(200);
      await customer.asked('problem');
      expect(await customer.say('it will not power on')).toBe(200);
      await customer.asked('conditions');
      expect(await customer.say('no, none of that')).toBe(200);
      await customer.asked('confirm');
      expect(await customer.say('yes')).toBe(200);
      await customer.until((a) => RMA.test(a.text ?? ''));
      expect(frames).toHaveLength(1);
      expect(frames[0].stored).toEqual({ status: 'rma_issued', rmaNumber: RMA.exec(frames[0].text)?.[0] });
    } finally {
      customer.close();
    }
  });

  test('a failed commit: no reply claims what was rolled back, and the next turn sees what the database holds', async () => {
    const conv = 'order-failed-commit';
    const channel = new URL(connector.url).origin;
    await claimUpToConfirmation(conv);
    const before = arrivals.length;
    const rmaCount = () => (reader.prepare('SELECT COUNT(*) AS n FROM rma_numbers').get() as { n: number }).n;
    const issuedBefore = rmaCount();
    failNextCommit = true;
    expect((await post(conv, { text: 'yes' })).status).toBe(200);
    const replies = arrivals.slice(before).filter((a) => a.posted.conversationId === conv);
    // the customer is told something went wrong, never told of an RMA number that is not stored
    expect(replies.some((a) => RMA.test(a.posted.activity.text ?? ''))).toBe(false);
    expect(replies.map((a) => a.posted.activity.text).join('\n')).toMatch(/something went wrong/);
    expect(failNextCommit).toBe(false); // the hook did fail a commit
    expect(storedClaim(conv)).toEqual({ status: 'in_progress', rmaNumber: null });
    expect(rmaCount()).toBe(issuedBefore);
    // the server's own view (its claim cache) is the database's, not the rolled-back decision
    expect(await app.claims.current({ channel, id: conv })).toMatchObject({ status: 'in_progress', rmaNumber: null });
    // the next turns go on from what is stored: the claim resumes with what it knows (the
    // conditions are asked again), and the RMA number then shown is the one the database holds
    const resumed = arrivals.length;
    const lastAsked = () =>
      arrivals.filter((a) => a.posted.conversationId === conv && a.posted.activity.inputHint === 'expectingInput').at(-1)?.posted.activity
        .channelData?.prompt;
    expect((await post(conv, { text: 'my camera stopped working' })).status).toBe(200);
    expect(lastAsked()).toBe('conditions');
    expect((await post(conv, { text: 'no, none of that' })).status).toBe(200);
    expect(lastAsked()).toBe('confirm');
    expect((await post(conv, { text: 'yes' })).status).toBe(200);
    const decision = arrivals.slice(resumed).find((a) => a.posted.conversationId === conv && RMA.test(a.posted.activity.text ?? ''));
    expect(decision?.stored).toEqual({ status: 'rma_issued', rmaNumber: RMA.exec(decision?.posted.activity.text)?.[0] });
    expect(rmaCount()).toBe(issuedBefore + 1);
  });
});

test('a new chat is stored before its token is handed out: a crash right after cannot leave a token for no conversation', async () => {
  const res = await fetch(`${base}/api/directline/token`, { method: 'POST' });
  expect(res.status).toBe(200);
  const { conversationId } = (await res.json()) as { conversationId: string };
  expect(reader.prepare('SELECT id FROM dl_conversations WHERE id = ?').get(conversationId)).toEqual({ id: conversationId });
});

test('an agent is told of a change only once it is committed (accept, close on Direct Line), and reads only what is', async () => {
  const customer = await rawDirectLineCustomer(base);
  const conv = customer.session.conversationId;
  try {
    await customer.asked('menu');
    expect(await customer.say('I want to talk to a person')).toBe(200);
    await customer.until((a) => a.name === 'handoff.initiate');
    const login = await fetch(`${base}/api/agent/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'ana', password: 'correct horse' }),
    });
    const { token } = (await login.json()) as { token: string };
    const agent = (path: string, method = 'POST') => fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${token}` } });
    const listed = (await (await agent(`/api/agent/claims?conversationId=${conv}`, 'GET')).json()) as Array<{ id: string; status: string }>;
    expect(listed.map((c) => c.status)).toEqual(['pending_agent']);
    const accepted = await agent(`/api/agent/claims/${listed[0].id}/accept`);
    expect(accepted.status).toBe(200);
    expect(storedClaim(conv)?.status).toBe('with_agent'); // read the moment the answer arrived
    const closed = await agent(`/api/agent/claims/${listed[0].id}/close`);
    expect(closed.status).toBe(200);
    expect(storedClaim(conv)?.status).toBe('closed');
  } finally {
    customer.close();
  }
});
