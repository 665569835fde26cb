import type { ClaimStatus } from '../../src/domain/claim';
import { waitingTooLong } from '../../src/domain/waitingTooLong';

const FIVE_MINUTES = 300_000;
const ALWAYS = { timeZone: 'UTC' };
const WEEKDAYS = { supportHours: 'Mon-Fri 08:00-18:00', timeZone: 'UTC' };
const claim = (status: ClaimStatus, requestedAt: string | null) => ({ status, handoff: { requestedAt } });
const at = (iso: string) => new Date(iso);

describe('waitingTooLong', () => {
  // 2026-03-02 is a Monday; a requeued claim keeps its hand-off time, so it is the same row as one never taken
  test.each([
    ['a claim waiting 4:59', claim('pending_agent', '2026-03-02T17:00:01Z'), '2026-03-02T17:05:00Z', ALWAYS, false],
    ['a claim waiting exactly the re-offer time', claim('pending_agent', '2026-03-02T17:00:00Z'), '2026-03-02T17:05:00Z', ALWAYS, true],
    ['a claim waiting an hour', claim('pending_agent', '2026-03-02T16:05:00Z'), '2026-03-02T17:05:00Z', ALWAYS, true],
    [
      'an agent has it, however long ago it was handed off',
      claim('with_agent', '2026-03-02T16:00:00Z'),
      '2026-03-02T17:05:00Z',
      ALWAYS,
      false,
    ],
    ['a closed claim', claim('closed', '2026-03-02T16:00:00Z'), '2026-03-02T17:05:00Z', ALWAYS, false],
    // counted within support hours, like the timers
    [
      'overnight: 2 min before closing and 2 after opening',
      claim('pending_agent', '2026-03-02T17:58:00Z'),
      '2026-03-03T08:02:00Z',
      WEEKDAYS,
      false,
    ],
    [
      'overnight: 2 min before closing and 3 after opening',
      claim('pending_agent', '2026-03-02T17:58:00Z'),
      '2026-03-03T08:03:00Z',
      WEEKDAYS,
      true,
    ],
    ['handed off on Saturday, Monday 08:04', claim('pending_agent', '2026-03-07T10:00:00Z'), '2026-03-09T08:04:00Z', WEEKDAYS, false],
    ['handed off on Saturday, Monday 08:05', claim('pending_agent', '2026-03-07T10:00:00Z'), '2026-03-09T08:05:00Z', WEEKDAYS, true],
    [
      'a whole weekend of wall time, none of it support time',
      claim('pending_agent', '2026-03-07T08:00:00Z'),
      '2026-03-08T20:00:00Z',
      WEEKDAYS,
      false,
    ],
  ])('%s', (_name, c, now, hours, expected) => {
    expect(waitingTooLong(c, at(now), FIVE_MINUTES, hours)).toBe(expected);
  });

  describe('edge cases', () => {
    test('no hand-off time, or one that cannot be read: not flagged', () => {
      expect(waitingTooLong(claim('pending_agent', null), at('2026-03-02T17:05:00Z'), FIVE_MINUTES, ALWAYS)).toBe(false);
      expect(waitingTooLong(claim('pending_agent', 'not a date'), at('2026-03-02T17:05:00Z'), FIVE_MINUTES, ALWAYS)).toBe(false);
    });
    test("a hand-off time in the future (another instance's clock ahead): not flagged", () => {
      expect(waitingTooLong(claim('pending_agent', '2026-03-02T18:00:00Z'), at('2026-03-02T17:05:00Z'), FIVE_MINUTES, ALWAYS)).toBe(false);
    });
  });
});
