/** How long a waiting customer may expect to wait, in whole minutes: `toMinutes` null means "more than `fromMinutes`". */
export interface WaitRange {
  fromMinutes: number;
  toMinutes: number | null;
}

/** The agents online now, as open chats they can hold: `seats` in all, `free` of them not holding a chat. */
export interface SeatCount {
  seats: number;
  free: number;
}

/** Past this the range says only "more than": a guess hours ahead is not worth a number. */
const LONGEST_NAMED_MINUTES = 120;
const MS_PER_MINUTE = 60_000;

/**
 * An honest wait estimate for the customer at `position` in the queue (1 = next). With a free seat
 * for everyone up to them, someone can take the chat now: "less than 2 minutes". Otherwise those
 * ahead of them beyond the free seats must wait for seats to come free, and a seat comes free about
 * once per typical chat: (position − free) × median recent chat ÷ seats, rounded out to a range.
 * Chat durations, not past waits: a past wait already holds the queue ahead of that customer, and
 * multiplying it by the position again counted the queue twice. The median, because one chat left
 * open for hours must not move it. Null when nobody can take a chat (no seats online) or there is no
 * chat history yet: the customer is then told their place only, never an invented number.
 * @example estimateWait(3, { seats: 1, free: 0 }, [240_000, 360_000, 420_000]) // 3 × 6 min ÷ 1 → { fromMinutes: 15, toMinutes: 20 }
 */
export function estimateWait(position: number, seats: SeatCount, recentChatsMs: readonly number[]): WaitRange | null {
  const chats = recentChatsMs.filter((ms) => Number.isFinite(ms) && ms >= 0);
  const atLeastOne = (n: number) => Number.isFinite(n) && n >= 1;
  if (!chats.length || !atLeastOne(position) || !atLeastOne(seats.seats)) return null;
  const total = Math.floor(seats.seats);
  // an unknown count of free seats is none: the estimate may then be longer, never shorter
  const free = Number.isFinite(seats.free) ? Math.min(Math.max(Math.floor(seats.free), 0), total) : 0;
  const place = Math.floor(position);
  if (free >= place) return { fromMinutes: 0, toMinutes: 2 };
  return roundedRange(((place - free) * median(chats)) / total / MS_PER_MINUTE);
}

/** The middle value (the mean of the two middle ones for an even count). */
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
