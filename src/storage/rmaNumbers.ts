/** RMA numbers: unique, human-friendly (RMA-2026-000123), issued once per claim. */
export interface RmaNumbers {
  /** The claim's number: the one it already has, or the next of `now`'s year. */
  issue(claimId: string, now: Date): Promise<string>;
}

/** RMA-<year>-<sequence, six digits>. */
export function formatRmaNumber(year: number, seq: number): string {
  return `RMA-${year}-${String(seq).padStart(6, '0')}`;
}
