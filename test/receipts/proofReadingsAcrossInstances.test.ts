import { fixedClock } from '../../src/clock';
import { readingNewsOverBus } from '../../src/cluster/relays';
import { type Claim, newClaim } from '../../src/domain/claim';
import type { ProofReading } from '../../src/domain/receipts/claimReceipt';
import { MAX_READINGS_PER_CLAIM, ProofReadings } from '../../src/receipts/proofReadings';
import type { Reading } from '../../src/receipts/reading';
import { inProcessBus } from '../helpers/inProcessBus';

/*
 * Issue 22: a decision waits for the claim's proof reading whichever instance took the upload. Two
 * ProofReadings ("instances" A and B) on one store of claims and one in-process bus; the reader is a
 * deferred double (a reading finishes when the test says), and the waits run on jest's fake timers:
 * nothing here waits for real time. A's store of its reading is held, as PostgreSQL holds it while
 * the deciding turn on B has the claim's row: B can only have the reading from A's announcement.
 */
const WAIT_MS = 3000;
const READ_LIMIT_MS = 50_000;
const WINDOW_MS = READ_LIMIT_MS + WAIT_MS;
const READING: Reading = {
  status: 'read',
  source: 'ocr',
  facts: {
    purchaseDate: { date: '2026-01-10', confidence: 0.95, page: 1, line: 2, evidence: 'Order Date: 01/10/2026' },
    seller: null,
    models: [],
  },
  text: 'BEST BUY …',
  pages: 1,
  dateSpot: null,
  ms: 1200,
};
/** The reading as the claim keeps it (no text). */
const { text: _text, ...KEPT } = READING as Extract<Reading, { status: 'read' }>;

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** A reader whose readings finish when the test says, in the order they began. */
function deferredReader() {
  const finishers: Array<(reading: Reading) => void> = [];
  return {
    read: () => new Promise<Reading>((resolve) => finishers.push(resolve)),
    finish: (reading: Reading) => (finishers.shift() as (reading: Reading) => void)(reading),
  };
}

/** The instances' shared database of claims: a store of a reading waits while `held` (a turn has the row). */
function claimStore() {
  const rows = new Map<string, Claim>();
  let release: () => void = () => undefined;
  let held = Promise.resolve();
  return {
    rows,
    hold: () => (held = new Promise<void>((resolve) => (release = resolve))),
    release: () => release(),
    get: async (id: string) => structuredClone(rows.get(id) ?? null),
    recordReading: async (id: string, fileId: string, reading: ProofReading) => {
      await held;
      const file = rows.get(id)?.proof.files.find((f) => f.id === fileId);
      if (file) file.reading = reading;
      return rows.get(id) ?? null;
    },
  };
}

function twoInstances(options: { bus?: boolean } = {}) {
  const clock = fixedClock('2026-03-02T17:30:00Z');
  const bus = inProcessBus();
  const claims = claimStore();
  const instance = () => {
    const reader = deferredReader();
    const news = (options.bus ?? true) ? readingNewsOverBus(bus.instance()) : undefined;
    return { reader, readings: new ProofReadings({ reader, claims, clock, waitMs: WAIT_MS, readLimitMs: READ_LIMIT_MS, news }) };
  };
  const claim = newClaim('claim-1', 'conv-1', clock.now(), 'v1', 'America/New_York');
  claims.rows.set(claim.id, claim);
  /** The upload turn on `on`: the file is attached with its reading's start, and the reading begins there. */
  const upload = (on: ReturnType<typeof instance>, fileId = 'file-1') => {
    const file = on.readings.startedNow({ id: fileId, name: 'receipt.jpg', contentType: 'image/jpeg', size: 3 });
    claim.proof.files.push(file);
    on.readings.start(claim.id, fileId, new Uint8Array([1, 2, 3]));
  };
  return { a: instance(), b: instance(), claims, clock, bus, upload };
}

/** A promise whose outcome the test can look at without awaiting it. */
function watch<T>(promise: Promise<T>) {
  const seen: { done: boolean; value?: T } = { done: false };
  void promise.then((value) => Object.assign(seen, { done: true, value }));
  return seen;
}

describe("a decision on B, the upload on A (A's store held by B's turn)", () => {
  test('B waits for the reading under way on A and has it the moment A announces it', async () => {
    const { a, b, claims, upload } = twoInstances();
    upload(a);
    claims.hold();
    const settled = watch(b.readings.settle('claim-1'));
    await jest.advanceTimersByTimeAsync(WAIT_MS - 1);
    expect(settled.done).toBe(false);
    a.reader.finish(READING);
    await jest.advanceTimersByTimeAsync(0);
    expect(settled).toEqual({ done: true, value: [{ fileId: 'file-1', reading: KEPT }] });
    // A stores it too once B's turn lets go: the announcement was never the only copy
    claims.release();
    await jest.advanceTimersByTimeAsync(0);
    expect(claims.rows.get('claim-1')?.proof.files[0].reading).toEqual(KEPT);
  });

  test('a reading A finished before B asked (not stored yet) is there at once', async () => {
    const { a, b, claims, upload } = twoInstances();
    upload(a);
    claims.hold();
    a.reader.finish(READING);
    await jest.advanceTimersByTimeAsync(0);
    const settled = watch(b.readings.settle('claim-1'));
    await jest.advanceTimersByTimeAsync(0);
    expect(settled).toEqual({ done: true, value: [{ fileId: 'file-1', reading: KEPT }] });
  });

  test("B's outcome is A's: both have the same reading to decide on", async () => {
    const { a, b, claims, upload } = twoInstances();
    upload(a);
    claims.hold();
    const onA = watch(a.readings.settle('claim-1'));
    const onB = watch(b.readings.settle('claim-1'));
    a.reader.finish(READING);
    await jest.advanceTimersByTimeAsync(0);
    expect(onB).toEqual(onA);
    expect(onB.value).toEqual([{ fileId: 'file-1', reading: KEPT }]);
  });

  test('an announcement of another file does not end the wait for this one', async () => {
    const { a, b, claims, upload } = twoInstances();
    upload(a, 'file-1');
    upload(a, 'file-2');
    claims.hold();
    const settled = watch(b.readings.settle('claim-1'));
    a.reader.finish(READING);
    await jest.advanceTimersByTimeAsync(WAIT_MS - 1);
    expect(settled.done).toBe(false);
    a.reader.finish({ status: 'unreadable', reason: 'corrupt', ms: 4 });
    await jest.advanceTimersByTimeAsync(0);
    expect(settled.value).toEqual([
      { fileId: 'file-1', reading: KEPT },
      { fileId: 'file-2', reading: { status: 'unreadable', reason: 'corrupt', ms: 4 } },
    ]);
  });
});

describe('what B does not wait for', () => {
  test('the uploading instance crashed (no announcement): one wait of RECEIPT_READ_WAIT_MS, then never again', async () => {
    const { a, b, upload } = twoInstances();
    upload(a);
    const first = watch(b.readings.settle('claim-1'));
    await jest.advanceTimersByTimeAsync(WAIT_MS - 1);
    expect(first.done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(first).toEqual({ done: true, value: [] });
    // the same turn's decision step, and the turns after it
    const second = watch(b.readings.settle('claim-1'));
    await jest.advanceTimersByTimeAsync(0);
    expect(second).toEqual({ done: true, value: [] });
  });

  test('a reading begun longer ago than the window: the file counts as not being read', async () => {
    const { a, b, clock, upload } = twoInstances();
    upload(a);
    clock.advance(WINDOW_MS);
    const settled = watch(b.readings.settle('claim-1'));
    await jest.advanceTimersByTimeAsync(0);
    expect(settled).toEqual({ done: true, value: [] });
  });

  test('a reading A stored already: nothing to wait for, nothing to store again', async () => {
    const { a, b, upload } = twoInstances();
    upload(a);
    a.reader.finish(READING);
    await jest.advanceTimersByTimeAsync(0);
    const settled = watch(b.readings.settle('claim-1'));
    await jest.advanceTimersByTimeAsync(0);
    expect(settled).toEqual({ done: true, value: [] });
  });

  test('without a bus (one instance) a reading begun elsewhere is not waited for, as before', async () => {
    const { a, b, upload } = twoInstances({ bus: false });
    upload(a);
    const settled = watch(b.readings.settle('claim-1'));
    await jest.advanceTimersByTimeAsync(0);
    expect(settled).toEqual({ done: true, value: [] });
  });
});

describe('the announcement on the bus', () => {
  test('carries the reading without its text; a message that is not a reading is ignored', async () => {
    const { a, b, bus, claims, upload } = twoInstances();
    upload(a);
    claims.hold();
    const settled = watch(b.readings.settle('claim-1'));
    const garbage = bus.instance();
    garbage.publish('receipt.read', { claimId: 'claim-1', fileId: 'file-1', reading: 'read' });
    garbage.publish('receipt.read', { claimId: 'claim-1', reading: KEPT });
    await jest.advanceTimersByTimeAsync(0);
    expect(settled.done).toBe(false);
    a.reader.finish(READING);
    await jest.advanceTimersByTimeAsync(0);
    expect(bus.published.at(-1)).toEqual({ name: 'receipt.read', message: { claimId: 'claim-1', fileId: 'file-1', reading: KEPT } });
    expect(settled.value).toEqual([{ fileId: 'file-1', reading: KEPT }]);
  });
});

describe('on the instance that reads it', () => {
  test('a turn that asks twice (the receipt check, then the decision) waits the limit once, not twice', async () => {
    const { a, upload } = twoInstances({ bus: false });
    upload(a);
    const first = watch(a.readings.settle('claim-1'));
    await jest.advanceTimersByTimeAsync(WAIT_MS);
    expect(first).toEqual({ done: true, value: [] });
    const second = watch(a.readings.settle('claim-1'));
    await jest.advanceTimersByTimeAsync(0);
    expect(second).toEqual({ done: true, value: [] });
  });

  test('a reading that finishes within the limit is had at once, and asked again it is still there (not yet stored)', async () => {
    const { a, claims, upload } = twoInstances({ bus: false });
    upload(a);
    claims.hold();
    const first = watch(a.readings.settle('claim-1'));
    await jest.advanceTimersByTimeAsync(WAIT_MS - 1);
    a.reader.finish(READING);
    await jest.advanceTimersByTimeAsync(0);
    expect(first.value).toEqual([{ fileId: 'file-1', reading: KEPT }]);
    const second = watch(a.readings.settle('claim-1'));
    await jest.advanceTimersByTimeAsync(0);
    expect(second.value).toEqual([{ fileId: 'file-1', reading: KEPT }]);
  });

  test('a reading stored after the decision is handed to the review of late readings', async () => {
    const { a, claims, upload } = twoInstances({ bus: false });
    const reviewed: string[] = [];
    const readings = new ProofReadings({
      reader: a.reader,
      claims: { ...claims, reviewLateReading: async (claim: Claim) => reviewed.push(claim.id) },
      clock: fixedClock('2026-03-02T17:30:00Z'),
      waitMs: WAIT_MS,
    });
    upload({ ...a, readings });
    a.reader.finish(READING);
    await jest.advanceTimersByTimeAsync(0);
    expect(claims.rows.get('claim-1')?.proof.files[0].reading).toEqual(KEPT);
    expect(reviewed).toEqual(['claim-1']);
  });
});

describe('one claim cannot fill the reader', () => {
  test(`past ${MAX_READINGS_PER_CLAIM} files of a claim under way at once, the next is not read: "busy", the agent reads it`, async () => {
    const { a, claims, upload } = twoInstances({ bus: false });
    const asked: number[] = [];
    const reader = a.reader;
    const counting = {
      ...reader,
      read: () => {
        asked.push(1);
        return reader.read();
      },
    };
    const readings = new ProofReadings({ reader: counting, claims, clock: fixedClock('2026-03-02T17:30:00Z'), waitMs: WAIT_MS });
    for (let n = 1; n <= MAX_READINGS_PER_CLAIM + 1; n++) upload({ ...a, readings }, `file-${n}`);
    await jest.advanceTimersByTimeAsync(0);
    expect(asked).toHaveLength(MAX_READINGS_PER_CLAIM);
    const last = claims.rows.get('claim-1')?.proof.files.at(-1);
    expect(last).toMatchObject({ id: `file-${MAX_READINGS_PER_CLAIM + 1}`, reading: { status: 'skipped', reason: 'busy' } });
    // once one is read, the claim's next file is read again
    reader.finish(READING);
    await jest.advanceTimersByTimeAsync(0);
    upload({ ...a, readings }, 'file-late');
    expect(asked).toHaveLength(MAX_READINGS_PER_CLAIM + 1);
  });
});
