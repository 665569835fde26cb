/** What the predicate needs of a proof file (ProofFile). */
interface StartedFile {
  reading?: unknown;
  readingStartedAt?: string;
}

/**
 * Whether a proof file may still be being read — on whichever instance took its upload — so a
 * decision should wait for it: its reading began less than `windowMs` ago and none is on the claim
 * yet. Past the window the reader has surely settled (it always does within its own limit), so a
 * reading still missing is one nobody will bring (the instance crashed, the news was lost): the
 * file then counts as not being read, and no turn waits for it again.
 * @example readingUnderWay({ readingStartedAt: '2026-03-02T17:30:00Z' }, new Date('2026-03-02T17:30:05Z'), 53_000) // true
 */
export function readingUnderWay(file: StartedFile, now: Date, windowMs: number): boolean {
  if (file.reading || !file.readingStartedAt) return false;
  const started = Date.parse(file.readingStartedAt);
  if (Number.isNaN(started)) return false;
  const age = now.getTime() - started;
  // a start a little "in the future" is another instance's clock running ahead: still under way
  return Math.abs(age) < windowMs;
}
