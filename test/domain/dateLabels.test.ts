import { dateLabelOf, scrubWords, whenSaid } from '../../src/domain/dateLabels';

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
    // the claim rarely knows a name: the ones customers give themselves
    ['an introduction', 'Hi, this is Sarah Connor, bought it 3 days ago', null, 'Hi, this is [name] [name], bought it 3 days ago'],
    ['"my name is", accents', 'My name is José Álvarez, it was 2 weeks ago', null, 'My name is [name] [name], it was 2 weeks ago'],
    ["I'm, and the name again later", "I'm Dana. Dana bought it Friday", null, "I'm [name]. [name] bought it Friday"],
    ['a sign-off', 'got it last week. Thanks, Bob', null, 'got it last week. Thanks, [name]'],
    [
      'a name that is a month: scrubbed as her name, kept as the date',
      "I'm May Lee and I got it in May",
      null,
      "I'm [name] [name] and I got it in May",
    ],
    ["the claim's name that is a month", 'bought it in May, May Lee', 'May Lee', 'bought it in May, May [name]'],
    ['no name after "I am" in lower case', 'i am not sure, maybe in March', null, 'i am not sure, maybe in March'],
    ['a model after "this is" is no name', 'this is QT5682 bought on Monday', null, 'this is QT5682 bought on Monday'],
    ['a calendar word after "it\'s" is no name', "it's Monday, I got it Sunday", null, "it's Monday, I got it Sunday"],
    // dates and times are no phone numbers: the words must keep the date the gold refers to
    ['a date and a time', 'bought it 2026-02-03 10:30, call 555 123 4567', null, 'bought it 2026-02-03 10:30, call [phone]'],
    ['a range of dotted dates', 'between 12.03.2025 - 15.03.2025', null, 'between 12.03.2025 - 15.03.2025'],
    ['a phone before a date', '+1 (555) 123-4567 is my phone, bought 01/02/2026', null, '[phone] is my phone, bought 01/02/2026'],
    // what an attack probe found getting through
    ['a local phone number', 'call 555-0100 or 555 0100, got it 3 weeks ago', null, 'call [phone] or [phone], got it 3 weeks ago'],
    [
      'file names with spaces cut, Unicode, other kinds',
      'receipt(1).pdf квитанция.pdf scan.bmp r.txt',
      null,
      '[file] [file] [file] [file]',
    ],
    ['an address with a Unicode domain', 'jo@exämple.рф, last week', null, '[email], last week'],
    ['an address spelled out', 'jo at example dot com, last week', null, '[email], last week'],
    ['a handle', 'I am @jolee on there, bought it Monday', null, 'I am [handle] on there, bought it Monday'],
    ['accents aside', 'José bought it yesterday', 'Jose Ruiz', '[name] bought it yesterday'],
    ['an introduction with "I am"', 'I am Jo Lee, got it last week', null, 'I am [name] [name], got it last week'],
  ])('%s', (_, words, name, scrubbed) => {
    expect(scrubWords(words, name)).toBe(scrubbed);
  });
});

describe('whenSaid', () => {
  const entries = [
    { from: 'customer', text: 'I bought it   two weeks ago', timestamp: '2026-03-01T10:00:00.000Z' },
    { from: 'bot', text: 'When did you buy it? two weeks ago?', timestamp: '2026-03-02T10:01:00.000Z' },
    { from: 'customer', text: 'hello', timestamp: '2026-03-02T10:02:00.000Z' },
    { from: 'customer', text: 'Sorry: I bought it two weeks ago', timestamp: '2026-03-02T10:03:00.000Z' },
    { from: 'customer', text: null, timestamp: '2026-03-02T10:04:00.000Z' },
  ];
  test.each([
    [
      'the last customer message holding the words, spaces and case aside',
      'i bought it two weeks ago',
      '2026-03-02T10:00:00Z',
      '2026-03-02T10:03:00.000Z',
    ],
    ['not a message from before the claim began', 'I bought it two weeks ago', '2026-03-02T10:03:30Z', null],
    ["never the bot's words", 'When did you buy it', '2026-03-01T00:00:00Z', null],
    ['words nobody sent', 'last Tuesday', '2026-03-01T00:00:00Z', null],
  ])('%s', (_, words, began, said) => {
    expect(whenSaid(entries, words, began)).toBe(said);
  });
});

describe('dateLabelOf', () => {
  const base = {
    id: 7,
    customerWords: 'I got it like a month ago',
    claimCreatedAt: '2026-03-02T03:30:00.000Z',
    customerName: null,
    wordsSaidAt: null,
  };
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

  test('`now` is when the words were sent: said after midnight, today is the next day', () => {
    // the claim began on Mar 1 in New York; the words came at 00:30 on Mar 2 there: Jan 30 is 31 days back
    const label = dateLabelOf({
      ...base,
      correctedDate: '2026-01-30',
      timeZone: 'America/New_York',
      wordsSaidAt: '2026-03-02T05:30:00.000Z',
    });
    expect(label).toMatchObject({ now: '2026-03-02T05:30:00Z', decision: 'outside' });
    expect(dateLabelOf({ ...base, correctedDate: '2026-01-30', timeZone: 'UTC', wordsSaidAt: 'not a time' })).toBeNull();
  });

  test('words the scrubbing still leaves personal (an @, seven digits in a row) are not exported', () => {
    expect(
      dateLabelOf({ ...base, customerWords: 'got it 3 weeks ago, order 55331122', correctedDate: '2026-02-01', timeZone: 'UTC' }),
    ).toBeNull();
    expect(dateLabelOf({ ...base, customerWords: 'got it 3 weeks ago, me@home', correctedDate: '2026-02-01', timeZone: 'UTC' })).toBeNull();
  });

  test('no label without words or with a date that is not one', () => {
    expect(dateLabelOf({ ...base, customerWords: '  ', correctedDate: '2026-01-30', timeZone: 'UTC' })).toBeNull();
    expect(dateLabelOf({ ...base, correctedDate: '2026-02-30', timeZone: 'UTC' })).toBeNull();
  });
});
