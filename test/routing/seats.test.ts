import type { SeatCount } from '../../src/domain/waitEstimate';
import { countSeats } from '../../src/routing/seats';

/** The seats the wait estimate counts: the online agents' capacities, free agent by agent. */
describe('countSeats', () => {
  const capacities: Record<string, number> = { ana: 3, bo: 1, cy: 0, neg: -2 };
  const capacityOf = async (username: string) => capacities[username] ?? 3;

  test.each<[string, string[], Record<string, number>, SeatCount]>([
    ['nobody online', [], { ana: 2 }, { seats: 0, free: 0 }],
    ['one agent, no chats', ['ana'], {}, { seats: 3, free: 3 }],
    ['one agent with two chats', ['ana'], { ana: 2 }, { seats: 3, free: 1 }],
    ['capacity 1 vs 3', ['ana', 'bo'], { ana: 1, bo: 1 }, { seats: 4, free: 2 }],
    ['a disabled agent (capacity 0) adds nothing', ['ana', 'cy'], {}, { seats: 3, free: 3 }],
    ['over capacity (manual accepts) frees nothing of another’s', ['ana', 'bo'], { ana: 5 }, { seats: 4, free: 1 }],
    ['the chats of agents offline do not count', ['bo'], { ana: 3, dee: 2 }, { seats: 1, free: 1 }],
    ['an agent on two instances counts once', ['ana', 'ana'], { ana: 1 }, { seats: 3, free: 2 }],
    ['a negative capacity counts as none', ['neg'], {}, { seats: 0, free: 0 }],
  ])('%s', async (_, online, open, expected) => {
    expect(await countSeats(online, capacityOf, new Map(Object.entries(open)))).toEqual(expected);
  });
});
