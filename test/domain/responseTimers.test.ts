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
  // both targets run from the hand-off (the dashboard's firstResponseSeconds is the same measure)
  const targets = { firstResponseMs: 15 * MIN, waitMs: 10 * MIN };
  const utc = { supportHours: WEEKDAYS, timeZone: 'UTC' };
  const HANDED = '2026-03-02T09:00:00.000Z'; // a Monday
  type Handoff = Parameters<typeof responseTimers>[0];
  const waiting: Handoff = { requestedAt: HANDED, acceptedAt: null };
  const taken: Handoff = { requestedAt: HANDED, acceptedAt: '2026-03-02T09:03:00.000Z' };
  const answered = (at: string): Handoff => ({ ...taken, firstResponseAt: at });
  type Row = [string, Handoff, string, ReturnType<typeof responseTimers>];

  test.each<Row>([
    [
      'waiting, early',
      waiting,
      '2026-03-02T09:07:59Z',
      { waitingSeconds: 479, firstResponseSeconds: null, dueAt: '2026-03-02T09:10:00.000Z', state: 'ok' },
    ],
    [
      'waiting, last fifth',
      waiting,
      '2026-03-02T09:08:00Z',
      { waitingSeconds: 480, firstResponseSeconds: null, dueAt: '2026-03-02T09:10:00.000Z', state: 'warning' },
    ],
    [
      'waiting, at the target',
      waiting,
      '2026-03-02T09:10:00Z',
      { waitingSeconds: 600, firstResponseSeconds: null, dueAt: '2026-03-02T09:10:00.000Z', state: 'warning' },
    ],
    [
      'waiting, past it',
      waiting,
      '2026-03-02T09:10:01Z',
      { waitingSeconds: 601, firstResponseSeconds: null, dueAt: '2026-03-02T09:10:00.000Z', state: 'missed' },
    ],
    // taken: the first response counts from the hand-off, not from taking it
    [
      'taken, no message yet',
      taken,
      '2026-03-02T09:06:00Z',
      { waitingSeconds: 180, firstResponseSeconds: 360, dueAt: '2026-03-02T09:15:00.000Z', state: 'ok' },
    ],
    [
      'taken, silent into the last fifth',
      taken,
      '2026-03-02T09:12:00Z',
      { waitingSeconds: 180, firstResponseSeconds: 720, dueAt: '2026-03-02T09:15:00.000Z', state: 'warning' },
    ],
    [
      'taken, silent past the target',
      taken,
      '2026-03-02T09:20:00Z',
      { waitingSeconds: 180, firstResponseSeconds: 1200, dueAt: '2026-03-02T09:15:00.000Z', state: 'missed' },
    ],
    [
      'answered in time stays ok',
      answered('2026-03-02T09:07:30Z'),
      '2026-03-02T10:00:00Z',
      { waitingSeconds: 180, firstResponseSeconds: 450, dueAt: '2026-03-02T09:15:00.000Z', state: 'ok' },
    ],
    [
      'answered in the last fifth is ok',
      answered('2026-03-02T09:14:00Z'),
      '2026-03-02T09:14:30Z',
      { waitingSeconds: 180, firstResponseSeconds: 840, dueAt: '2026-03-02T09:15:00.000Z', state: 'ok' },
    ],
    [
      'answered late stays missed',
      answered('2026-03-02T09:16:00Z'),
      '2026-03-02T10:00:00Z',
      { waitingSeconds: 180, firstResponseSeconds: 960, dueAt: '2026-03-02T09:15:00.000Z', state: 'missed' },
    ],
    // transfer: the chat keeps the time it left the queue and its first response
    [
      'transferred after an answer: unchanged',
      { ...answered('2026-03-02T09:05:00Z') },
      '2026-03-02T09:40:00Z',
      { waitingSeconds: 180, firstResponseSeconds: 300, dueAt: '2026-03-02T09:15:00.000Z', state: 'ok' },
    ],
    // requeue: back in the queue the wait runs on from the hand-off (its place kept); an earlier answer stays
    [
      'requeued before any answer',
      waiting,
      '2026-03-02T09:30:00Z',
      { waitingSeconds: 1800, firstResponseSeconds: null, dueAt: '2026-03-02T09:10:00.000Z', state: 'missed' },
    ],
    [
      'requeued after an answer',
      { ...waiting, firstResponseAt: '2026-03-02T09:05:00Z' },
      '2026-03-02T09:09:00Z',
      { waitingSeconds: 540, firstResponseSeconds: 300, dueAt: '2026-03-02T09:10:00.000Z', state: 'warning' },
    ],
    [
      'requeued, taken again, answered by the second agent',
      { requestedAt: HANDED, acceptedAt: '2026-03-02T09:20:00Z', firstResponseAt: '2026-03-02T09:21:00Z' },
      '2026-03-02T09:30:00Z',
      { waitingSeconds: 1200, firstResponseSeconds: 1260, dueAt: '2026-03-02T09:15:00.000Z', state: 'missed' },
    ],
    // overnight and weekend: only support hours count
    [
      'handed off at 17:55, taken the next morning at 08:03',
      { requestedAt: '2026-03-02T17:55:00Z', acceptedAt: '2026-03-03T08:03:00Z' },
      '2026-03-03T08:05:00Z',
      { waitingSeconds: 480, firstResponseSeconds: 600, dueAt: '2026-03-03T08:10:00.000Z', state: 'ok' },
    ],
    [
      'handed off Friday 17:55, answered Monday 08:02',
      { requestedAt: '2026-03-06T17:55:00Z', acceptedAt: '2026-03-06T17:58:00Z', firstResponseAt: '2026-03-09T08:02:00Z' },
      '2026-03-09T09:00:00Z',
      { waitingSeconds: 180, firstResponseSeconds: 420, dueAt: '2026-03-09T08:10:00.000Z', state: 'ok' },
    ],
    [
      'handed off on a Saturday, still waiting on Monday 08:09',
      { requestedAt: '2026-03-07T12:00:00Z', acceptedAt: null },
      '2026-03-09T08:09:00Z',
      { waitingSeconds: 540, firstResponseSeconds: null, dueAt: '2026-03-09T08:10:00.000Z', state: 'warning' },
    ],
    // missing fields
    ['no hand-off', { requestedAt: null, acceptedAt: null }, '2026-03-02T09:00:00Z', null],
    [
      'a claim stored before firstResponseAt: read as not answered',
      { ...taken },
      '2026-03-02T09:05:00Z',
      { waitingSeconds: 180, firstResponseSeconds: 300, dueAt: '2026-03-02T09:15:00.000Z', state: 'ok' },
    ],
    [
      'firstResponseAt null',
      { ...taken, firstResponseAt: null },
      '2026-03-02T09:05:00Z',
      { waitingSeconds: 180, firstResponseSeconds: 300, dueAt: '2026-03-02T09:15:00.000Z', state: 'ok' },
    ],
    [
      'an unreadable firstResponseAt: not answered',
      { ...taken, firstResponseAt: 'soon' },
      '2026-03-02T09:05:00Z',
      { waitingSeconds: 180, firstResponseSeconds: 300, dueAt: '2026-03-02T09:15:00.000Z', state: 'ok' },
    ],
    [
      'an answer from before this hand-off is not its answer',
      { ...taken, firstResponseAt: '2026-03-02T08:30:00Z' },
      '2026-03-02T09:05:00Z',
      { waitingSeconds: 180, firstResponseSeconds: 300, dueAt: '2026-03-02T09:15:00.000Z', state: 'ok' },
    ],
    ['an unreadable hand-off time', { requestedAt: 'yesterday', acceptedAt: null }, '2026-03-02T09:00:00Z', null],
  ])('%s', (_name, handoff, now, expected) => {
    expect(responseTimers(handoff, new Date(now), targets, utc)).toEqual(expected);
  });

  describe('edge cases', () => {
    test('support hours that never come: no due time, and nothing counts', () => {
      expect(
        responseTimers(waiting, new Date('2026-03-03T09:00:00Z'), targets, { supportHours: 'Mon 08:00-08:00', timeZone: 'UTC' }),
      ).toEqual({
        waitingSeconds: 0,
        firstResponseSeconds: null,
        dueAt: null,
        state: 'ok',
      });
    });
    test('without support hours every minute counts, overnight too', () => {
      const overnight = {
        requestedAt: '2026-03-02T23:50:00Z',
        acceptedAt: '2026-03-03T00:05:00Z',
        firstResponseAt: '2026-03-03T00:06:00Z',
      };
      expect(responseTimers(overnight, new Date('2026-03-03T01:00:00Z'), targets, { timeZone: 'UTC' })).toEqual({
        waitingSeconds: 900,
        firstResponseSeconds: 960,
        dueAt: '2026-03-03T00:05:00.000Z',
        state: 'missed',
      });
    });
  });
});
