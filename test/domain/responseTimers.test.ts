import { responseTimers } from '../../src/domain/responseTimers';
import { supportDeadline, supportMsBetween } from '../../src/domain/supportTime';

const WEEKDAYS = 'Mon-Fri 08:00-18:00';
const MIN = 60_000;

describe('support time between two instants', () => {
  // 2026-03-02 is a Monday, 2026-03-06 a Friday
  test.each<[string | undefined, string, string, string, number]>([
    [undefined, '2026-03-07T10:00:00Z', '2026-03-07T10:07:00Z', 'UTC', 7 * MIN], // unset: always
    [WEEKDAYS, '2026-03-02T09:00:00Z', '2026-03-02T09:07:00Z', 'UTC', 7 * MIN],
    [WEEKDAYS, '2026-03-02T07:55:00Z', '2026-03-02T08:05:00Z', 'UTC', 5 * MIN], // starts before opening
    [WEEKDAYS, '2026-03-06T17:55:00Z', '2026-03-09T08:05:00Z', 'UTC', 10 * MIN], // over a weekend
    [WEEKDAYS, '2026-03-07T09:00:00Z', '2026-03-07T17:00:00Z', 'UTC', 0], // all on a Saturday
    [WEEKDAYS, '2026-03-02T12:55:00Z', '2026-03-02T13:05:00Z', 'America/New_York', 5 * MIN], // 07:55-08:05 there
    [WEEKDAYS, '2026-03-02T09:00:00Z', '2026-03-03T09:00:00Z', 'UTC', 10 * 60 * MIN], // a whole working day
    ['Fri-Mon 00:00-24:00', '2026-03-08T23:50:00Z', '2026-03-09T00:10:00Z', 'UTC', 20 * MIN], // midnight inside a span
  ])('%s from %s to %s in %s', (spec, from, to, tz, ms) => {
    expect(supportMsBetween(spec, new Date(from), new Date(to), tz)).toBe(ms);
  });

  describe('edge cases', () => {
    test('a DST change inside the span counts real time: Sunday 2026-03-08 in New York', () => {
      // 01:30 EST (06:30Z) to 03:30 EDT (07:30Z) is one hour of real time
      expect(
        supportMsBetween('Sun 00:00-24:00', new Date('2026-03-08T06:30:00Z'), new Date('2026-03-08T07:30:00Z'), 'America/New_York'),
      ).toBe(60 * MIN);
    });
    test('an end before the start counts nothing', () => {
      expect(supportMsBetween(WEEKDAYS, new Date('2026-03-02T10:00:00Z'), new Date('2026-03-02T09:00:00Z'), 'UTC')).toBe(0);
    });
  });
});

describe('the instant a target falls due', () => {
  test.each<[string | undefined, string, number, string, string | null]>([
    [undefined, '2026-03-07T10:00:00Z', 10 * MIN, 'UTC', '2026-03-07T10:10:00.000Z'],
    [WEEKDAYS, '2026-03-02T09:00:00Z', 10 * MIN, 'UTC', '2026-03-02T09:10:00.000Z'],
    [WEEKDAYS, '2026-03-06T17:55:00Z', 10 * MIN, 'UTC', '2026-03-09T08:05:00.000Z'], // across the weekend
    [WEEKDAYS, '2026-03-07T12:00:00Z', 5 * MIN, 'UTC', '2026-03-09T08:05:00.000Z'], // asked on a Saturday
    [WEEKDAYS, '2026-03-02T18:00:00Z', 5 * MIN, 'America/New_York', '2026-03-02T18:05:00.000Z'], // 13:00 there
    ['Mon 08:00-08:00', '2026-03-02T09:00:00Z', 5 * MIN, 'UTC', null], // no support time ever: no due time, no endless loop
  ])('%s from %s plus %d ms in %s', (spec, from, ms, tz, due) => {
    expect(supportDeadline(spec, new Date(from), ms, tz)?.toISOString() ?? null).toBe(due);
  });
});

describe('response timers', () => {
  const targets = { firstResponseMs: 5 * MIN, waitMs: 10 * MIN };
  const utc = { supportHours: WEEKDAYS, timeZone: 'UTC' };
  const waiting = { requestedAt: '2026-03-02T09:00:00.000Z', acceptedAt: null };
  const taken = { requestedAt: '2026-03-02T09:00:00.000Z', acceptedAt: '2026-03-02T09:03:00.000Z' };
  type Row = [string, { requestedAt: string | null; acceptedAt: string | null }, string | null, string, ReturnType<typeof responseTimers>];

  test.each<Row>([
    [
      'waiting, early',
      waiting,
      null,
      '2026-03-02T09:07:59Z',
      { waitingSeconds: 479, firstResponseSeconds: null, dueAt: '2026-03-02T09:10:00.000Z', state: 'ok' },
    ],
    [
      'waiting, last fifth',
      waiting,
      null,
      '2026-03-02T09:08:00Z',
      { waitingSeconds: 480, firstResponseSeconds: null, dueAt: '2026-03-02T09:10:00.000Z', state: 'warning' },
    ],
    [
      'waiting, at the target',
      waiting,
      null,
      '2026-03-02T09:10:00Z',
      { waitingSeconds: 600, firstResponseSeconds: null, dueAt: '2026-03-02T09:10:00.000Z', state: 'warning' },
    ],
    [
      'waiting, past it',
      waiting,
      null,
      '2026-03-02T09:10:01Z',
      { waitingSeconds: 601, firstResponseSeconds: null, dueAt: '2026-03-02T09:10:00.000Z', state: 'missed' },
    ],
    [
      'taken, no message yet',
      taken,
      null,
      '2026-03-02T09:06:00Z',
      { waitingSeconds: 180, firstResponseSeconds: 180, dueAt: '2026-03-02T09:08:00.000Z', state: 'ok' },
    ],
    [
      'taken, silent into the last fifth',
      taken,
      null,
      '2026-03-02T09:07:00Z',
      { waitingSeconds: 180, firstResponseSeconds: 240, dueAt: '2026-03-02T09:08:00.000Z', state: 'warning' },
    ],
    [
      'taken, silent past the target',
      taken,
      null,
      '2026-03-02T09:20:00Z',
      { waitingSeconds: 180, firstResponseSeconds: 1020, dueAt: '2026-03-02T09:08:00.000Z', state: 'missed' },
    ],
    [
      'answered in time stays ok',
      taken,
      '2026-03-02T09:07:30Z',
      '2026-03-02T10:00:00Z',
      { waitingSeconds: 180, firstResponseSeconds: 270, dueAt: '2026-03-02T09:08:00.000Z', state: 'ok' },
    ],
    [
      'answered late stays missed',
      taken,
      '2026-03-02T09:09:00Z',
      '2026-03-02T10:00:00Z',
      { waitingSeconds: 180, firstResponseSeconds: 360, dueAt: '2026-03-02T09:08:00.000Z', state: 'missed' },
    ],
    ['no hand-off', { requestedAt: null, acceptedAt: null }, null, '2026-03-02T09:00:00Z', null],
  ])('%s', (_name, handoff, firstAt, now, expected) => {
    expect(responseTimers(handoff, firstAt ? new Date(firstAt) : null, new Date(now), targets, utc)).toEqual(expected);
  });

  describe('edge cases', () => {
    test('a wait over the weekend counts only the support hours', () => {
      const friday = { requestedAt: '2026-03-06T17:55:00.000Z', acceptedAt: null };
      expect(responseTimers(friday, null, new Date('2026-03-09T08:04:00Z'), targets, utc)).toEqual({
        waitingSeconds: 540,
        firstResponseSeconds: null,
        dueAt: '2026-03-09T08:05:00.000Z',
        state: 'warning',
      });
    });
    test('a message from before the agent took the chat is not their first response', () => {
      expect(
        responseTimers(taken, new Date('2026-03-02T08:00:00Z'), new Date('2026-03-02T09:04:00Z'), targets, utc)?.firstResponseSeconds,
      ).toBe(60);
    });
    test('an unreadable hand-off time gives no timers', () => {
      expect(
        responseTimers({ requestedAt: 'yesterday', acceptedAt: null }, null, new Date('2026-03-02T09:00:00Z'), targets, utc),
      ).toBeNull();
    });
  });
});
