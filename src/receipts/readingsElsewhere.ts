import type { Clock } from '../clock';
import { BoundedMap } from '../domain/boundedMap';
import type { Claim } from '../domain/claim';
import type { ProofReading } from '../domain/receipts/claimReceipt';
import { readingUnderWay } from '../domain/receipts/readingUnderWay';

/** A finished reading, as the instance that read the file tells the others. */
export interface ReadingNews {
  claimId: string;
  fileId: string;
  reading: ProofReading;
}

/** How instances tell each other of finished readings: the cluster bus (src/cluster/relays.ts), a double in tests. */
export interface ReadingNewsChannel {
  /** Tells the other instances (never this one); fire-and-forget. */
  announce(news: ReadingNews): void;
  /** Runs `listener` for each reading another instance announces. */
  onAnnounced(listener: (news: ReadingNews) => void): void;
}

/** Readings heard, and files given up, kept at most: far more than a window's worth of uploads. */
const REMEMBERED = 2000;

const keyOf = (claimId: string, fileId: string) => `${claimId}/${fileId}`;

/**
 * The readings of files uploaded to other instances, for a decision taken here. The instance that
 * reads a file announces the reading itself, not only that there is one: it cannot store it while
 * the deciding turn here holds the claim's row (PostgreSQL), so the database could not say it in
 * time; it stores it afterwards all the same (the announcement is never the only copy). Every
 * announcement is kept as it is heard — from the instance's start, so one that came before the
 * decision asked is not missed — and the deciding turn stores what it takes, as it does with this
 * instance's own readings.
 */
export class ReadingsElsewhere {
  private readonly heard = new BoundedMap<string, ProofReading>(REMEMBERED);
  private readonly givenUp = new BoundedMap<string, true>(REMEMBERED);
  private readonly waiting = new Map<string, Set<() => void>>();

  /** `windowMs`: how long after its start a reading may still come (the reader's limit and the wait). */
  constructor(
    private readonly channel: ReadingNewsChannel,
    private readonly clock: Clock,
    private readonly windowMs: number,
  ) {
    channel.onAnnounced((news) => this.hear(news));
  }

  /** Tells the other instances that a file of a claim was read here. */
  announce(news: ReadingNews): void {
    this.channel.announce(news);
  }

  /**
   * The claim's files whose reading is under way elsewhere (begun within the window, none on the
   * claim), but those read here and those a wait here has given up on already: a crashed instance
   * costs one wait, not one per turn.
   */
  underWay(claim: Claim, readHere: ReadonlySet<string>): string[] {
    const now = this.clock.now();
    return claim.proof.files
      .filter((f) => !readHere.has(f.id) && !this.givenUp.get(keyOf(claim.id, f.id)) && readingUnderWay(f, now, this.windowMs))
      .map((f) => f.id);
  }

  /**
   * Waits until the readings of these files have all been heard, or until `timedOut`; returns those
   * heard. A file still unheard then is given up: no later decision here waits for it again.
   */
  async readingsOf(claimId: string, fileIds: string[], timedOut: Promise<void>): Promise<{ fileId: string; reading: ProofReading }[]> {
    const missing = fileIds.filter((fileId) => !this.heard.get(keyOf(claimId, fileId)));
    const wakes: Array<[string, () => void]> = [];
    try {
      const allHeard = Promise.all(
        missing.map(
          (fileId) =>
            new Promise<void>((resolve) => {
              const key = keyOf(claimId, fileId);
              wakes.push([key, resolve]);
              this.waiting.set(key, (this.waiting.get(key) ?? new Set()).add(resolve));
            }),
        ),
      );
      if (missing.length) await Promise.race([allHeard, timedOut]);
    } finally {
      for (const [key, wake] of wakes) this.stopWaiting(key, wake);
    }
    return fileIds.flatMap((fileId) => {
      const reading = this.heard.get(keyOf(claimId, fileId));
      if (!reading) this.givenUp.set(keyOf(claimId, fileId), true);
      return reading ? [{ fileId, reading }] : [];
    });
  }

  private hear({ claimId, fileId, reading }: ReadingNews): void {
    const key = keyOf(claimId, fileId);
    this.heard.set(key, reading);
    for (const wake of this.waiting.get(key) ?? []) wake();
  }

  private stopWaiting(key: string, wake: () => void): void {
    const wakes = this.waiting.get(key);
    wakes?.delete(wake);
    if (wakes && !wakes.size) this.waiting.delete(key);
  }
}
