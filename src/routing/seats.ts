import type { SeatCount } from '../domain/waitEstimate';

/**
 * The seats of the agents online and how many of them hold no chat. Free seats are counted agent by
 * agent: one over capacity (a manual accept is not limited by it) frees nothing of another's.
 * @example countSeats(['ana', 'bo'], async () => 3, new Map([['ana', 3], ['bo', 1]])) // { seats: 6, free: 2 }
 */
export async function countSeats(
  online: readonly string[],
  capacityOf: (username: string) => Promise<number>,
  openChats: ReadonlyMap<string, number>,
): Promise<SeatCount> {
  const agents = [...new Set(online)];
  const capacities = await Promise.all(agents.map(capacityOf));
  let seats = 0;
  let free = 0;
  agents.forEach((username, i) => {
    const capacity = Math.max(capacities[i], 0);
    seats += capacity;
    free += Math.max(capacity - (openChats.get(username) ?? 0), 0);
  });
  return { seats, free };
}
