import { estimateWait, type SeatCount, type WaitRange, waitRangeText } from '../../src/domain/waitEstimate';

const min = (m: number) => m * 60_000;

const seats = (total: number, free: number): SeatCount => ({ seats: total, free });
const SIX_MIN_MEDIAN = [min(4), min(6), min(7)];

describe('estimateWait', () => {
  test.each<[string, number, SeatCount, number[], WaitRange | null]>([
    // someone can take it now
    ['a free seat for position 1', 1, seats(3, 1), SIX_MIN_MEDIAN, { fromMinutes: 0, toMinutes: 2 }],
    ['free seats for everyone up to position 3', 3, seats(6, 3), SIX_MIN_MEDIAN, { fromMinutes: 0, toMinutes: 2 }],
    ['free seats beyond the position', 2, seats(9, 9), [min(600)], { fromMinutes: 0, toMinutes: 2 }],
    // beyond the free seats: (position − free) × median chat ÷ seats
    ['one agent of capacity 1, busy, position 1: one chat', 1, seats(1, 0), SIX_MIN_MEDIAN, { fromMinutes: 5, toMinutes: 10 }],
    [
      'one agent of capacity 1, busy, position 3: three chats, not three waits',
      3,
      seats(1, 0),
      SIX_MIN_MEDIAN,
      { fromMinutes: 15, toMinutes: 20 },
    ],
    ['one agent of capacity 3, busy, position 3: three seats turn over', 3, seats(3, 0), SIX_MIN_MEDIAN, { fromMinutes: 5, toMinutes: 10 }],
    ['capacity 3, position 1: a third of a chat', 1, seats(3, 0), [min(9)], { fromMinutes: 3, toMinutes: 4 }],
    ['position beyond the free seats: those ahead take them', 5, seats(3, 2), [min(9)], { fromMinutes: 5, toMinutes: 10 }],
    ['two agents of capacity 3, position 13', 13, seats(6, 1), [min(10)], { fromMinutes: 20, toMinutes: 25 }],
    ['a short chat and many seats: under two minutes', 2, seats(10, 0), [min(3)], { fromMinutes: 0, toMinutes: 2 }],
    ['a single ended chat is history', 1, seats(1, 0), [min(3.5)], { fromMinutes: 3, toMinutes: 4 }],
    ['even count: the mean of the middle two', 1, seats(1, 0), [min(2), min(3), min(4), min(100)], { fromMinutes: 3, toMinutes: 4 }],
    ['one chat of hours does not move the median', 2, seats(1, 0), [min(5), min(6), min(7), min(300)], { fromMinutes: 10, toMinutes: 15 }],
    ['an hour and more: quarter-hour brackets', 4, seats(1, 0), [min(20)], { fromMinutes: 75, toMinutes: 90 }],
    ['past two hours: no number named', 5, seats(1, 0), [min(30)], { fromMinutes: 120, toMinutes: null }],
    ['exactly on a bracket edge goes to the bracket above it', 1, seats(1, 0), [min(5)], { fromMinutes: 5, toMinutes: 10 }],
    ['an hour on the edge', 2, seats(2, 0), [min(60)], { fromMinutes: 60, toMinutes: 75 }],
    // nothing to go on, or nobody to answer: nothing said, even with free seats
    ['no history', 1, seats(3, 3), [], null],
    ['no history, queue full', 4, seats(1, 0), [], null],
    ['nobody online', 1, seats(0, 0), SIX_MIN_MEDIAN, null],
    ['online but no seat (disabled, capacity 0)', 1, seats(0, 0), SIX_MIN_MEDIAN, null],
  ])('%s', (_, position, seatCount, chats, expected) => {
    expect(estimateWait(position, seatCount, chats)).toEqual(expected);
  });

  describe('hostile and broken inputs', () => {
    test.each<[string, number, SeatCount, number[]]>([
      ['only negative durations (clock skew)', 1, seats(1, 0), [-min(1)]],
      ['durations not a number', 1, seats(1, 0), [Number.NaN]],
      ['infinite durations', 1, seats(1, 0), [Number.POSITIVE_INFINITY]],
      ['position 0', 0, seats(3, 3), [min(5)]],
      ['negative position', -2, seats(3, 3), [min(5)]],
      ['NaN position', Number.NaN, seats(3, 3), [min(5)]],
      ['infinite position', Number.POSITIVE_INFINITY, seats(3, 0), [min(5)]],
      ['negative seats', 1, seats(-2, 0), [min(5)]],
      ['NaN seats', 1, seats(Number.NaN, 0), [min(5)]],
      ['infinite seats', 1, seats(Number.POSITIVE_INFINITY, 0), [min(5)]],
      ['a fraction of a seat', 1, seats(0.5, 0), [min(5)]],
    ])('%s: nothing said', (_, position, seatCount, chats) => {
      expect(estimateWait(position, seatCount, chats)).toBeNull();
    });

    test.each<[string, number, SeatCount, number[], WaitRange]>([
      [
        'bad durations are left out, the good ones still count',
        1,
        seats(1, 0),
        [Number.NaN, -5, min(6)],
        { fromMinutes: 5, toMinutes: 10 },
      ],
      ['negative free seats count as none', 2, seats(1, -4), [min(6)], { fromMinutes: 10, toMinutes: 15 }],
      ['NaN free seats count as none: longer, never shorter', 1, seats(1, Number.NaN), [min(6)], { fromMinutes: 5, toMinutes: 10 }],
      ['more free seats than seats count as all free', 3, seats(2, 10), [min(6)], { fromMinutes: 3, toMinutes: 4 }],
      ['a fractional place is the place it is in', 1.9, seats(1, 0), [min(6)], { fromMinutes: 5, toMinutes: 10 }],
    ])('%s', (_, position, seatCount, chats, expected) => {
      expect(estimateWait(position, seatCount, chats)).toEqual(expected);
    });
  });
});

describe('waitRangeText', () => {
  test.each<[WaitRange, string]>([
    [{ fromMinutes: 5, toMinutes: 10 }, 'about 5–10 minutes'],
    [{ fromMinutes: 3, toMinutes: 4 }, 'about 3–4 minutes'],
    [{ fromMinutes: 0, toMinutes: 2 }, 'less than 2 minutes'],
    [{ fromMinutes: 55, toMinutes: 60 }, 'about 55–60 minutes'],
    [{ fromMinutes: 75, toMinutes: 90 }, 'about 1.25–1.5 hours'],
    [{ fromMinutes: 120, toMinutes: null }, 'more than 2 hours'],
  ])('%j → %s', (range, text) => expect(waitRangeText(range)).toBe(text));
});
