import type { Clock } from '../clock';
import type { Claim, ProofFile } from '../domain/claim';
import type { ProofReading } from '../domain/receipts/claimReceipt';
import { DEFAULT_READ_LIMIT_MS } from './readerPool';
import type { Reading } from './reading';
import { type ReadingNewsChannel, ReadingsElsewhere } from './readingsElsewhere';

/** What reads a proof file: the ReaderPool in the app, a test double in dialog tests. */
export interface ProofReader {
  read(file: string | Uint8Array): Promise<Reading>;
}

export interface ProofReadingsParts {
  reader: ProofReader;
  claims: {
    get(id: string): Promise<Claim | null>;
    recordReading(id: string, fileId: string, reading: ProofReading): Promise<Claim | null>;
    /** a reading stored after the assistant decided, which would have decided otherwise, goes to a person */
    reviewLateReading?(claim: Claim): Promise<unknown>;
  };
  clock: Clock;
  /** longest the decision step waits for a pending reading (RECEIPT_READ_WAIT_MS) */
  waitMs: number;
  /** the other instances (the cluster bus): absent on a single instance, which waits only for its own readings */
  news?: ReadingNewsChannel;
  /** longest the reader takes to settle a file, its queue included (ReaderPool.longestReadMs) */
  readLimitMs?: number;
  onError?: (error: unknown) => void;
}

/** Readings of one claim under way at once on an instance (a receipt in several photos fits). */
export const MAX_READINGS_PER_CLAIM = 3;

interface Pending {
  fileId: string;
  reading: Promise<ProofReading>;
  done?: ProofReading;
  /** a decision already waited its limit for it: later ones go on without waiting again */
  waitedOut?: boolean;
}

/**
 * Reads each uploaded proof file off the turn path and stores the reading with the file. The
 * decision step calls `settle(claimId)`: it waits for the claim's readings still under way, up
 * to `waitMs`, and gets those not stored yet, to store them in its own turn — so the outcome does
 * not depend on how fast the reader was, and a turn never waits for a write that waits for its own
 * row lock (PostgreSQL). Past the wait the claim goes on without them; a reading that lands later
 * is still stored, for the agent. With several instances (`news`), the file says when its reading
 * began, the instance that reads it announces the reading, and a decision on any other instance
 * waits for it the same way (readingsElsewhere.ts).
 */
export class ProofReadings {
  private readonly pending = new Map<string, Set<Pending>>();
  private readonly elsewhere: ReadingsElsewhere | null;

  /** How long a decision waits for a reading under way (RECEIPT_READ_WAIT_MS). */
  get waitMs(): number {
    return this.parts.waitMs;
  }

  constructor(private readonly parts: ProofReadingsParts) {
    // a reading may still come until the reader's limit, and a decision that began just before waits waitMs more
    const windowMs = (parts.readLimitMs ?? DEFAULT_READ_LIMIT_MS) + parts.waitMs;
    this.elsewhere = parts.news ? new ReadingsElsewhere(parts.news, parts.clock, windowMs) : null;
  }

  /** The file as the claim keeps it while it is read: with when its reading began, for the other instances. */
  startedNow(file: ProofFile): ProofFile {
    return { ...file, readingStartedAt: this.parts.clock.now().toISOString() };
  }

  /** Starts reading a file just attached to a claim (its bytes, or the path it is stored at); returns at once. */
  start(claimId: string, fileId: string, file: string | Uint8Array): void {
    const set = this.pending.get(claimId) ?? new Set<Pending>();
    this.pending.set(claimId, set);
    // one conversation may not fill the reader's queue for everyone: past a few at once, the agent reads the file
    const reading =
      set.size >= MAX_READINGS_PER_CLAIM
        ? Promise.resolve<ProofReading>({ status: 'skipped', reason: 'busy', ms: 0 })
        : this.parts.reader.read(file).then(withoutText);
    const entry: Pending = { fileId, reading };
    set.add(entry);
    const forget = () => {
      set.delete(entry);
      if (!set.size && this.pending.get(claimId) === set) this.pending.delete(claimId);
    };
    void entry.reading
      .then(async (reading) => {
        entry.done = reading;
        // before storing it: a decision on another instance may hold the claim's row until it has it
        this.elsewhere?.announce({ claimId, fileId, reading });
        const stored = await this.parts.claims.recordReading(claimId, fileId, reading);
        forget();
        if (stored) await this.parts.claims.reviewLateReading?.(stored);
      })
      .catch((error) => {
        forget();
        this.parts.onError?.(error);
      });
  }

  /**
   * Waits (at most waitMs) for the claim's readings under way, here and elsewhere, and returns
   * every finished reading not stored yet, for the caller to store.
   */
  async settle(claimId: string, waitMs = this.parts.waitMs): Promise<{ fileId: string; reading: ProofReading }[]> {
    const here = this.pending.get(claimId) ?? new Set<Pending>();
    const claim = this.elsewhere ? await this.parts.claims.get(claimId) : null;
    const readHere = new Set([...here].map((p) => p.fileId));
    const elsewhere = claim && this.elsewhere ? this.elsewhere.underWay(claim, readHere) : [];
    const doneHere = () => [...here].flatMap((p) => (p.done ? [{ fileId: p.fileId, reading: p.done }] : []));
    // a turn asks more than once (the receipt check, then the decision): the limit is waited once per reading
    const awaited = [...here].filter((p) => !p.done && !p.waitedOut);
    if (!awaited.length && !elsewhere.length) return doneHere();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    });
    try {
      const fromElsewhere = this.elsewhere?.readingsOf(claimId, elsewhere, timedOut) ?? Promise.resolve([]);
      const outcome = await Promise.race([
        Promise.allSettled([...awaited.map((p) => p.reading), fromElsewhere]).then(() => 'read' as const),
        timedOut.then(() => 'timed out' as const),
      ]);
      if (outcome === 'timed out') for (const p of awaited) p.waitedOut = !p.done;
      return [...doneHere(), ...(await fromElsewhere)];
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The claim keeps the facts, not the text (long; the agent has the file itself). */
function withoutText(reading: Reading): ProofReading {
  if (reading.status !== 'read') return { status: reading.status, reason: reading.reason, ms: reading.ms };
  const { text: _text, ...kept } = reading;
  return kept;
}
