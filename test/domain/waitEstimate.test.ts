import { estimateWait, type WaitRange, waitRangeText } from '../../src/domain/waitEstimate';

const min = (m: number) => m * 60_000;

describe('estimateWait', () => {
  test.each<[string, number[], number, number, WaitRange | null]>([
    ['no history', [], 1, 1, null],
    ['nobody online', [min(6)], 1, 0, null],
    ['one agent, position 1: the median wait', [min(4), min(6), min(7)], 1, 1, { fromMinutes: 5, toMinutes: 10 }],
    ['one agent, position 5: five waits', [min(4), min(6), min(7)], 5, 1, { fromMinutes: 30, toMinutes: 35 }],
    ['three agents share position 5', [min(4), min(6), min(7)], 5, 3, { fromMinutes: 10, toMinutes: 15 }],
    ['many agents, position 1: under two minutes', [min(6)], 1, 10, { fromMinutes: 0, toMinutes: 2 }],
    ['a single accepted claim is history', [min(3.5)], 1, 1, { fromMinutes: 3, toMinutes: 4 }],
    ['even count: the mean of the middle two', [min(2), min(3), min(4), min(100)], 1, 1, { fromMinutes: 3, toMinutes: 4 }],
    ['an overnight outlier does not move the median', [min(3), min(3), min(4), min(600)], 1, 1, { fromMinutes: 3, toMinutes: 4 }],
    ['an hour and more: quarter-hour brackets', [min(20)], 4, 1, { fromMinutes: 75, toMinutes: 90 }],
    ['past two hours: no number named', [min(30)], 5, 1, { fromMinutes: 120, toMinutes: null }],
  ])('%s', (_, waits, position, agents, expected) => {
    expect(estimateWait(waits, position, agents)).toEqual(expected);
  });

  describe('edge cases', () => {
    test.each<[string, number[], number, number]>([
      ['only negative waits (clock skew)', [-min(1)], 1, 1],
      ['not a number', [Number.NaN], 1, 1],
      ['position 0', [min(5)], 0, 1],
      ['negative agents', [min(5)], 1, -2],
      ['NaN agents', [min(5)], 1, Number.NaN],
    ])('%s: nothing said', (_, waits, position, agents) => {
      expect(estimateWait(waits, position, agents)).toBeNull();
    });

    test('bad waits are left out, the good ones still count', () => {
      expect(estimateWait([Number.NaN, -5, min(6)], 1, 1)).toEqual({ fromMinutes: 5, toMinutes: 10 });
    });

    test('exactly on a bracket edge goes to the bracket above it', () => {
      expect(estimateWait([min(5)], 1, 1)).toEqual({ fromMinutes: 5, toMinutes: 10 });
      expect(estimateWait([min(60)], 1, 1)).toEqual({ fromMinutes: 60, toMinutes: 75 });
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
