import { pickReading, understandClarification } from '../../src/domain/dates/pickReading';

// "Did you buy it on Sunday, October 11, 2026 or on Tuesday, November 10, 2026?"
const OCT_NOV = ['2026-10-11', '2026-11-10'];
// "April 13 was a Monday — did you mean Monday, April 13, or Sunday, December 13?": the written one first
const WRITTEN_FIRST = ['2026-04-13', '2025-12-13'];
// numeric "5/4": April 5 or May 4
const APR_MAY = ['2026-04-05', '2026-05-04'];

const choice = (date: string) => ({ kind: 'choice', date });
const other = { kind: 'other' };
const UNCLEAR = { kind: 'unclear' };

describe('pickReading: a reply to a choice of two days', () => {
  test.each<[string, string[], object]>([
    // by position
    ['the first one', OCT_NOV, choice('2026-10-11')],
    ['the second one', OCT_NOV, choice('2026-11-10')],
    ['First', OCT_NOV, choice('2026-10-11')],
    ['second', OCT_NOV, choice('2026-11-10')],
    ['the former', OCT_NOV, choice('2026-10-11')],
    ['the latter', OCT_NOV, choice('2026-11-10')],
    ['the last one', OCT_NOV, choice('2026-11-10')],
    ['option 2', OCT_NOV, choice('2026-11-10')],
    ['2nd', OCT_NOV, choice('2026-11-10')],
    ['the 1st', OCT_NOV, choice('2026-10-11')],
    ['the 1st one', OCT_NOV, choice('2026-10-11')],
    ['the first one', WRITTEN_FIRST, choice('2026-04-13')],
    ['the second one I think', OCT_NOV, choice('2026-11-10')],
    ['I would say the first date you gave', OCT_NOV, choice('2026-10-11')],
    // "first" and "second" as plain words in a longer reply pick nothing
    ['wait a second, it was the 12th', OCT_NOV, other],
    ['at first I thought so but it was the 11th', OCT_NOV, choice('2026-10-11')],
    ['the first of November', OCT_NOV, other],
    ['the second', WRITTEN_FIRST, choice('2025-12-13')],
    // by time, whatever the order they were asked in
    ['the earlier one', OCT_NOV, choice('2026-10-11')],
    ['the later date', OCT_NOV, choice('2026-11-10')],
    ['the earlier one', WRITTEN_FIRST, choice('2025-12-13')],
    ['the more recent one', WRITTEN_FIRST, choice('2026-04-13')],
    ['the later one', ['2026-10-01', '2026-11-10'], choice('2026-11-10')],
    // by what it names
    ['November', OCT_NOV, choice('2026-11-10')],
    ['the one in October', OCT_NOV, choice('2026-10-11')],
    ['Oct', OCT_NOV, choice('2026-10-11')],
    ['nov.', OCT_NOV, choice('2026-11-10')],
    ['10th of November', OCT_NOV, choice('2026-11-10')],
    ['November 10', OCT_NOV, choice('2026-11-10')],
    ['the 10th', OCT_NOV, choice('2026-11-10')],
    ['the tenth', OCT_NOV, choice('2026-11-10')],
    ['11', OCT_NOV, choice('2026-10-11')],
    ['it was the 11th i think', OCT_NOV, choice('2026-10-11')],
    ['Sunday, October 11, 2026', OCT_NOV, choice('2026-10-11')],
    ['the sunday', OCT_NOV, choice('2026-10-11')],
    ['december', WRITTEN_FIRST, choice('2025-12-13')],
    ['2025', WRITTEN_FIRST, choice('2025-12-13')],
    ['may', APR_MAY, choice('2026-05-04')],
    ['april 5th', APR_MAY, choice('2026-04-05')],
    ['5th of april', APR_MAY, choice('2026-04-05')],
    ['the 4th', APR_MAY, choice('2026-05-04')],
    ['Octobr', OCT_NOV, choice('2026-10-11')],
    // neither, or another day: read as a new date
    ['neither, it was the 12th', OCT_NOV, other],
    ['none of those, October 20', OCT_NOV, other],
    ['no, the 12th', OCT_NOV, other],
    ['the 12th', OCT_NOV, other],
    ['December 3', OCT_NOV, other],
    ['3 weeks ago', OCT_NOV, other],
    // bad input: no choice, no day
    ['', OCT_NOV, UNCLEAR],
    ['yes', OCT_NOV, UNCLEAR],
    ['both', OCT_NOV, UNCLEAR],
    ['neither', OCT_NOV, UNCLEAR],
    ['no idea', OCT_NOV, UNCLEAR],
    ['🤷', OCT_NOV, UNCLEAR],
    ['the one in March', OCT_NOV, other],
    ['x'.repeat(5000), OCT_NOV, UNCLEAR],
  ])('%s → %j', (reply, choices, expected) => expect(pickReading(reply, choices)).toMatchObject(expected));

  test('with no choices every reply is read as a date', () =>
    expect(pickReading('the 12th', [])).toEqual({ kind: 'other', text: 'the 12th' }));
});

describe('understandClarification: the reading a reply gives', () => {
  const NOW = new Date('2026-11-20T15:00:00Z'); // Friday 2026-11-20 in New York
  const understand = (reply: unknown, choices = OCT_NOV) =>
    understandClarification(reply, choices, NOW, 'America/New_York', { windowDays: 30 });

  test.each<[unknown, object | null]>([
    ['the second one', { kind: 'date', date: '2026-11-10', decision: 'within' }],
    ['October', { kind: 'date', date: '2026-10-11', decision: 'outside' }],
    ['neither, it was the 12th', { kind: 'date', date: '2026-11-12', decision: 'within' }],
    ['the 12th', { kind: 'date', date: '2026-11-12', decision: 'within' }],
    ['October 20', { kind: 'date', date: '2026-10-20', decision: 'outside' }],
    ['October 21', { kind: 'date', date: '2026-10-21', decision: 'within' }],
    // a new answer that still straddles the window, or lies ahead, is no answer yet
    ['neither, sometime in October', null],
    ['neither, tomorrow', null],
    // a month and day without a year is the most recent one, as in any answer
    ['neither, December 3', { kind: 'date', date: '2025-12-03', decision: 'outside' }],
    // bad input
    ['maybe', null],
    [undefined, null],
    [42, null],
  ])('%s → %j', (reply, expected) => {
    const got = understand(reply);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toMatchObject(expected);
  });
});

// "Did you buy it on January 2 or on February 1?"
const JAN_FEB = ['2026-01-02', '2026-02-01'];
const THREE = ['2026-04-13', '2026-04-14', '2025-12-13'];

describe('pickReading: a ruled-out choice picks the other of two, and of more nothing', () => {
  test.each<[string, string[], object]>([
    ['not February', JAN_FEB, choice('2026-01-02')],
    ['not the second one', JAN_FEB, choice('2026-01-02')],
    ['not January', JAN_FEB, choice('2026-02-01')],
    ['not the first one', JAN_FEB, choice('2026-02-01')],
    ["it wasn't in January", JAN_FEB, choice('2026-02-01')],
    ['it wasnt january', JAN_FEB, choice('2026-02-01')],
    ['definitely not the earlier one', JAN_FEB, choice('2026-02-01')],
    ['not the 2nd', JAN_FEB, choice('2026-02-01')],
    // the positive part says which, whichever side of the negation it is on
    ['not January, it was February', JAN_FEB, choice('2026-02-01')],
    ['the second one, not the first', JAN_FEB, choice('2026-02-01')],
    ['not the first, the 12th', JAN_FEB, other],
    // contradictions, doubt and a negation of no choice pick nothing
    ['February, not February', JAN_FEB, UNCLEAR],
    ["I don't think it was the second one", JAN_FEB, choice('2026-01-02')],
    ["I can't say it was January", JAN_FEB, UNCLEAR],
    ["can't have been January", JAN_FEB, choice('2026-02-01')],
    ['not January it was February', JAN_FEB, UNCLEAR],
    ['not January but February', JAN_FEB, choice('2026-02-01')],
    ['not sure', JAN_FEB, UNCLEAR],
    ["I'm not sure, maybe the first", JAN_FEB, UNCLEAR],
    ["I don't remember", JAN_FEB, UNCLEAR],
    ['not really certain', JAN_FEB, UNCLEAR],
    ['not the 20th', JAN_FEB, UNCLEAR],
    ['not', JAN_FEB, UNCLEAR],
    // of three choices, one ruled out leaves two
    ['not the first one', THREE, UNCLEAR],
    ['not December', THREE, UNCLEAR],
    ['not December, the 14th', THREE, choice('2026-04-14')],
  ])('%s → %j', (reply, choices, expected) => {
    expect(pickReading(reply, choices)).toMatchObject(expected);
  });
});
