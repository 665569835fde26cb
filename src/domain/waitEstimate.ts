/** How long a waiting customer may expect to wait, in whole minutes: `toMinutes` null means "more than `fromMinutes`". */
export interface WaitRange {
  fromMinutes: number;
  toMinutes: number | null;
}

/** Past this the range says only "more than": a guess hours ahead is not worth a number. */
const LONGEST_NAMED_MINUTES = 120;
const MS_PER_MINUTE = 60_000;

/**
 * An honest wait estimate for the customer at `position` in the queue (1 = next): the median of the
 * recent waits from hand-off to an agent taking the claim, once per place in the queue, shared among
 * the agents online — rounded out to a range. The median, because one chat left waiting overnight
 * must not move it. Null when there is nothing to go on (no recent waits) or nobody to answer (no
 * agent online): the customer is then told their place only, never an invented number.
 * @example estimateWait([240_000, 360_000, 420_000], 1, 1) // { fromMinutes: 5, toMinutes: 10 } (median 6 min)
 */
export function estimateWait(recentWaitsMs: readonly number[], position: number, agentsOnline: number): WaitRange | null {
  const waits = recentWaitsMs.filter((ms) => Number.isFinite(ms) && ms >= 0);
  if (!waits.length || !(agentsOnline >= 1) || !(position >= 1)) return null;
  const expected = (median(waits) * Math.floor(position)) / Math.floor(agentsOnline) / MS_PER_MINUTE;
  return roundedRange(expected);
}

/** The middle wait (the mean of the two middle ones for an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The bracket of whole minutes the expected wait falls in: 1-minute brackets under 5 minutes
 * (at least "under 2"), 5-minute ones under an hour, 15-minute ones up to two hours, then "more than 2 hours".
 */
function roundedRange(minutes: number): WaitRange {
  if (minutes >= LONGEST_NAMED_MINUTES) return { fromMinutes: LONGEST_NAMED_MINUTES, toMinutes: null };
  if (minutes < 1) return { fromMinutes: 0, toMinutes: 2 };
  const step = minutes < 5 ? 1 : minutes < 60 ? 5 : 15;
  const from = Math.floor(minutes / step) * step;
  return { fromMinutes: from, toMinutes: from + step };
}

/**
 * The range in the words the customer reads.
 * @example waitRangeText({ fromMinutes: 5, toMinutes: 10 }) // "about 5–10 minutes"
 */
export function waitRangeText(range: WaitRange): string {
  if (range.toMinutes === null) return `more than ${range.fromMinutes / 60} hours`;
  if (range.fromMinutes === 0) return `less than ${range.toMinutes} minutes`;
  if (range.toMinutes > 60) return `about ${hours(range.fromMinutes)}–${hours(range.toMinutes)} hours`;
  return `about ${range.fromMinutes}–${range.toMinutes} minutes`;
}

const hours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);
