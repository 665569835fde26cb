/** An agent as the router sees them when a chat is to be given out. */
export interface Seat {
  username: string;
  /** Chats they have open now (`with_agent` claims in their hands). */
  open: number;
  /** Open chats they take at most (their own capacity, or AGENT_CAPACITY). */
  capacity: number;
  /** When they were last given a chat by the router (ms), or null: never since it started. */
  lastAssignedAt: number | null;
}

/**
 * Who gets the next waiting chat: among the agents online and under capacity, the one with the fewest
 * open chats; on a tie, the one given a chat least recently (never before first), then by username so
 * the choice does not depend on the order agents were listed in. Null when nobody can take one.
 *
 * @example
 * chooseAgent([{ username: 'ana', open: 1, capacity: 3, lastAssignedAt: null }, { username: 'bo', open: 0, capacity: 3, lastAssignedAt: 5 }])
 * // → 'bo' (fewest open chats)
 */
export function chooseAgent(seats: readonly Seat[]): string | null {
  let best: Seat | null = null;
  for (const seat of seats) {
    if (seat.open >= seat.capacity) continue;
    if (!best || before(seat, best)) best = seat;
  }
  return best?.username ?? null;
}

function before(a: Seat, b: Seat): boolean {
  if (a.open !== b.open) return a.open < b.open;
  const at = a.lastAssignedAt ?? Number.NEGATIVE_INFINITY;
  const bt = b.lastAssignedAt ?? Number.NEGATIVE_INFINITY;
  if (at !== bt) return at < bt;
  return a.username < b.username;
}
