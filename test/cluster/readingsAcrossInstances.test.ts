import pg from 'pg';
import type { App } from '../../src/app';
import { fixedClock } from '../../src/clock';
import type { ProofReader } from '../../src/receipts/proofReadings';
import type { Reading } from '../../src/receipts/reading';
import { FILES } from '../helpers/harness';
import { type OwnRedis, startOwnRedis } from '../helpers/ownRedis';
import { createTestDatabase } from '../helpers/postgres';
import { claimUpToTheUpload, rawDirectLineCustomer } from '../helpers/rawDirectLine';
import { postgresOnly } from '../helpers/store';
import { startTestApp } from '../helpers/testApp';

/*
 * Issue 22: "the decision step waits for a pending reading of the claim's proof up to a short limit,
 * so outcomes do not depend on timing" — whichever instance takes the decision. Two instances on one
 * PostgreSQL database and one Redis of the test's own, no affinity: the customer's chat begins on A
 * and the receipt goes up to A, whose reader (a deferred double: it finishes when the test says) reads
 * it; the answers after it go to B. The reading is released only once the deciding turn holds the
 * claim's row — A cannot store it then — so B decides on it only if it waits for it and hears it from
 * A. Its outcome must be the one instance's: the receipt (January 10, outside the window) disagrees with
 * the customer's February 20 (inside), so the customer is asked which is right.
 */
const SECRET = 'cluster-test-secret';
const RECEIPT_SAYS_JANUARY_10: Reading = {
  status: 'read',
  source: 'ocr',
  facts: {
    purchaseDate: { date: '2026-01-10', confidence: 0.95, page: 1, line: 2, evidence: 'Order Date: 01/10/2026' },
    seller: { seller: 'BEST BUY', confidence: 0.9 },
    models: [{ model: 'QT5682', confidence: 0.9 }],
  },
  text: 'BEST BUY #1187\nOrder Date: 01/10/2026',
  pages: 1,
  dateSpot: null,
  ms: 1500,
};
/** Bound on polling the database for the claim's row lock (each poll checks it; not a sleep). */
const POLLS = 5000;

/** A reader whose readings finish when the test says. */
function deferredReader(): ProofReader & { started: Promise<void>; finish(reading: Reading): void } {
  let finish: (reading: Reading) => void = () => undefined;
  let begun: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (begun = resolve));
  return {
    started,
    read: () =>
      new Promise<Reading>((resolve) => {
        finish = resolve;
        begun();
      }),
    finish: (reading) => finish(reading),
  };
}

postgresOnly('a proof reading under way on another instance (issue 22)', () => {
  let redis: OwnRedis;
  let database: { url: string; drop(): Promise<void> };
  let admin: pg.Client;
  const apps: App[] = [];
  const clock = fixedClock('2026-03-02T17:30:00Z');

  const startInstance = async (reader: ProofReader) => {
    const { app, base } = await startTestApp({
      clock,
      reader,
      env: {
        DATABASE_URL: database.url,
        TOKEN_SECRET: SECRET,
        REDIS_URL: redis.url,
        REDIS_PREFIX: 'test-readings:',
        // long enough that no wait here ends by its limit: the outcome is the reading's
        RECEIPT_READ_WAIT_MS: '30000',
      },
    });
    apps.push(app);
    await app.redis?.ready();
    await app.bus?.ready();
    return base;
  };

  beforeAll(async () => {
    redis = await startOwnRedis();
    database = await createTestDatabase();
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
  }, 60_000);

  afterAll(async () => {
    await admin?.end();
    for (const app of apps) await app.close();
    await redis?.stop();
    await database?.drop();
  });

  /** Polls (bounded) until a turn holds the claim's row: a probe that will not wait for its lock is refused. */
  async function rowHeldByATurn(claimId: string): Promise<void> {
    for (let poll = 0; poll < POLLS; poll++) {
      try {
        await admin.query('SELECT 1 FROM claims WHERE id = $1 FOR UPDATE NOWAIT', [claimId]);
      } catch (error) {
        if ((error as { code?: string }).code === '55P03') return;
        throw error;
      }
    }
    throw new Error("no turn ever held the claim's row");
  }

  test.each([
    ['one instance: the upload and the decision on A', false],
    ['the upload on A, the decision on B', true],
  ])('%s — the customer is asked about the receipt date', async (_case, decideOnB) => {
    const readerA = deferredReader();
    const a = await startInstance(readerA);
    const b = decideOnB ? await startInstance(deferredReader()) : a;
    const customer = await rawDirectLineCustomer(a);
    try {
      await claimUpToTheUpload(customer);
      expect(await customer.upload('receipt.jpg', FILES['receipt.jpg'])).toBe(200);
      await readerA.started;
      await customer.asked('problem');
      expect(await customer.say("it won't power on anymore", b)).toBe(200);
      await customer.asked('conditions');
      expect(await customer.say('no, none of that', b)).toBe(200);
      await customer.asked('confirm');
      const { rows } = await admin.query('SELECT id FROM claims WHERE conversation_id = $1', [customer.session.conversationId]);
      const answered = customer.say('yes', b);
      await rowHeldByATurn(rows[0].id);
      readerA.finish(RECEIPT_SAYS_JANUARY_10);
      expect(await answered).toBe(200);
      const next = await customer.until((x) => ['purchaseDateReceipt', 'csat'].includes(x.channelData?.prompt));
      expect(next.text).toBe('Your receipt shows January 10 — you said February 20. Which is right?');
      const claim = await admin.query('SELECT status, data FROM claims WHERE id = $1', [rows[0].id]);
      expect(claim.rows[0].status).toBe('in_progress');
      expect(claim.rows[0].data.proof.files[0]).toMatchObject({
        reading: { status: 'read', facts: { purchaseDate: { date: '2026-01-10' } } },
      });
      expect(claim.rows[0].data.proof.files[0].readingStartedAt).toBe('2026-03-02T17:30:00.000Z');
    } finally {
      customer.close();
    }
  });
});
