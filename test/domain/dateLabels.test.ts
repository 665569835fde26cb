import { dateLabelOf, scrubWords } from '../../src/domain/dateLabels';

/* An agent's purchase-date correction as an item of shared/eval/DATES.md: the words scrubbed, today in the customer's timezone. */
describe('scrubWords', () => {
  test.each([
    ['an email', 'bought 3 days ago, write to jo.lee+x@mail.example.com', null, 'bought 3 days ago, write to [email]'],
    ['a phone number', 'call me on +1 (555) 123-4567, got it March 3', null, 'call me on [phone], got it March 3'],
    [
      'the customer name, each part, any case',
      'JO here - Jo Lee bought it on the 5th',
      'Jo Lee',
      '[name] here - [name] [name] bought it on the 5th',
    ],
    ['a name part inside another word is left', 'Joan bought it yesterday', 'Jo', 'Joan bought it yesterday'],
    ['a file name', 'receipt_0301.pdf says 2/1/2026', null, '[file] says 2/1/2026'],
    [
      'dates, prices and receipt numbers stay',
      'order 55331122 for $49.99 on 2026-02-03 or 3/4/26',
      null,
      'order 55331122 for $49.99 on 2026-02-03 or 3/4/26',
    ],
  ])('%s', (_, words, name, scrubbed) => {
    expect(scrubWords(words, name)).toBe(scrubbed);
  });
});

describe('dateLabelOf', () => {
  const base = { id: 7, customerWords: 'I got it like a month ago', claimCreatedAt: '2026-03-02T03:30:00.000Z', customerName: null };
  test.each([
    // 03:30Z is still Mar 1 in New York: today is Mar 1, 30 days back is Jan 30
    [
      'within, counted from today in the customer tz',
      { correctedDate: '2026-01-30', timeZone: 'America/New_York' },
      { kind: 'date', date: '2026-01-30' },
      'within',
    ],
    ['outside by a day', { correctedDate: '2026-01-29', timeZone: 'America/New_York' }, { kind: 'date', date: '2026-01-29' }, 'outside'],
    // the same instant is Mar 2 in UTC: Jan 30 is 31 days back
    ['the tz decides', { correctedDate: '2026-01-30', timeZone: 'UTC' }, { kind: 'date', date: '2026-01-30' }, 'outside'],
    ['a date after today is future', { correctedDate: '2026-03-02', timeZone: 'America/New_York' }, { kind: 'future' }, 'ask'],
  ])('%s', (_, facts, gold, decision) => {
    expect(dateLabelOf({ ...base, ...facts })).toEqual({
      id: 'agent-7',
      category: 'agent_correction',
      text: 'I got it like a month ago',
      now: '2026-03-02T03:30:00Z',
      tz: facts.timeZone,
      gold,
      decision,
    });
  });

  test('no label without words or with a date that is not one', () => {
    expect(dateLabelOf({ ...base, customerWords: '  ', correctedDate: '2026-01-30', timeZone: 'UTC' })).toBeNull();
    expect(dateLabelOf({ ...base, correctedDate: '2026-02-30', timeZone: 'UTC' })).toBeNull();
  });
});
