import { chooseAgent, type Seat } from '../../src/routing/chooseAgent';

const seat = (username: string, open: number, capacity = 3, lastAssignedAt: number | null = null): Seat => ({
  username,
  open,
  capacity,
  lastAssignedAt,
});

describe('chooseAgent: who gets the next waiting chat', () => {
  test.each<[string, Seat[], string | null]>([
    ['the fewest open chats', [seat('ana', 2), seat('bo', 0), seat('cy', 1)], 'bo'],
    ['ties: the one given a chat least recently (round robin)', [seat('ana', 1, 3, 200), seat('bo', 1, 3, 100)], 'bo'],
    ['ties: never given one before goes first', [seat('ana', 1, 3, 100), seat('bo', 1, 3, null)], 'bo'],
    ['ties all round: by username, whatever the listing order', [seat('cy', 0), seat('ana', 0), seat('bo', 0)], 'ana'],
    ['fewest open wins over waiting longest', [seat('ana', 0, 3, 500), seat('bo', 1, 3, null)], 'ana'],
    ['an agent at capacity is skipped', [seat('ana', 1, 1), seat('bo', 2, 3)], 'bo'],
    ['a per-agent capacity counts, not the default', [seat('ana', 0, 1), seat('bo', 0, 1, 5)], 'ana'],
  ])('%s', (_what, seats, expected) => {
    expect(chooseAgent(seats)).toBe(expected);
  });

  describe('edge cases', () => {
    test('nobody online: nobody', () => expect(chooseAgent([])).toBeNull());
    test('everyone full: nobody', () => expect(chooseAgent([seat('ana', 1, 1), seat('bo', 3, 3)])).toBeNull());
    test('over capacity (a manual accept past it): still full', () => expect(chooseAgent([seat('ana', 4, 3)])).toBeNull());
  });
});
