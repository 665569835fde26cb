import type { Claim } from '../domain/claim';
import type { ProofReading } from '../domain/receipts/claimReceipt';
import type { Reading } from './reading';

/** What reads a proof file: the ReaderPool in the app, a test double in dialog tests. */
export interface ProofReader {
  read(file: string | Uint8Array): Promise<Reading>;
}

export interface ProofReadingsParts {
  reader: ProofReader;
  claims: { recordReading(id: string, fileId: string, reading: ProofReading): Promise<Claim | null> };
  /** longest the decision step waits for a pending reading (RECEIPT_READ_WAIT_MS) */
  waitMs: number;
  onError?: (error: unknown) => void;
}

interface Pending {
  fileId: string;
  reading: Promise<ProofReading>;
  done?: ProofReading;
}

/**
 * Reads each uploaded proof file off the turn path and stores the reading with the file. The
 * decision step calls `settle(claimId)`: it waits for the claim's readings still under way, up
 * to `waitMs`, and gets those not stored yet, to store them in its own turn — so the outcome does
 * not depend on how fast the reader was, and a turn never waits for a write that waits for its own
 * row lock (PostgreSQL). Past the wait the claim goes on without them; a reading that lands later
 * is still stored, for the agent. Pending readings are this instance's: a decision taken on
 * another instance waits for none.
 */
export class ProofReadings {
  private readonly pending = new Map<string, Set<Pending>>();

  constructor(private readonly parts: ProofReadingsParts) {}

  /** Starts reading a file just attached to a claim (its bytes, or the path it is stored at); returns at once. */
  start(claimId: string, fileId: string, file: string | Uint8Array): void {
    const set = this.pending.get(claimId) ?? new Set<Pending>();
    this.pending.set(claimId, set);
    const entry: Pending = { fileId, reading: this.parts.reader.read(file).then(withoutText) };
    set.add(entry);
    const forget = () => {
      set.delete(entry);
      if (!set.size && this.pending.get(claimId) === set) this.pending.delete(claimId);
    };
    void entry.reading
      .then(async (reading) => {
        entry.done = reading;
        await this.parts.claims.recordReading(claimId, fileId, reading);
        forget();
      })
      .catch((error) => {
        forget();
        this.parts.onError?.(error);
      });
  }

  /**
   * Waits (at most waitMs) for the claim's readings under way, and returns every finished reading
   * not stored yet, for the caller to store.
   */
  async settle(claimId: string): Promise<{ fileId: string; reading: ProofReading }[]> {
    const set = this.pending.get(claimId);
    if (!set?.size) return [];
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.parts.waitMs);
    });
    try {
      await Promise.race([Promise.allSettled([...set].map((p) => p.reading)), timedOut]);
    } finally {
      clearTimeout(timer);
    }
    return [...set].flatMap((p) => (p.done ? [{ fileId: p.fileId, reading: p.done }] : []));
  }
}

/** The claim keeps the facts, not the text (long; the agent has the file itself). */
function withoutText(reading: Reading): ProofReading {
  if (reading.status !== 'read') return { status: reading.status, reason: reading.reason, ms: reading.ms };
  const { text: _text, ...kept } = reading;
  return kept;
}
