import { dropNegatedAlternative } from '../../src/domain/dates/negatedAlternative';
import { readPurchaseDate } from '../../src/domain/dates/readPurchaseDate';

// Wednesday 2026-04-08, noon in New York
const now = new Date('2026-04-08T16:00:00Z');
const read = (text: string) => readPurchaseDate(text, now, 'America/New_York', { windowDays: 30 });

describe('"X, not Y" in a date answer means X', () => {
  test.each<[string, string]>([
    ['wait, it was March 3rd, not the 13th', '2026-03-03'],
    ['actually I bought it on March 3rd, not the 13th', '2026-03-03'],
    ['hang on, it was actually five weeks ago, not two', '2026-03-04'],
    ['the 2nd, not the 20th', '2026-04-02'],
    ['it was March 20 not March 2', '2026-03-20'],
    ['April 1st and not April 7th', '2026-04-01'],
    ['3 weeks ago, not 2', '2026-03-18'],
    ['the 3rd of April, not the 4th', '2026-04-03'],
  ])('%s → %s', (text, date) => {
    expect(read(text)).toMatchObject({ kind: 'date', date });
  });

  test.each<[string, string]>([
    ['bought last week, not sure which day', 'bought last week, not sure which day'],
    ['not the 3rd but the 4th', 'not the 3rd but the 4th'],
    ['not on the 3rd', 'not on the 3rd'],
    ['it was not expensive', 'it was not expensive'],
    ['', ''],
  ])('left as it is: %j', (text, expected) => {
    expect(dropNegatedAlternative(text)).toBe(expected);
  });

  test('the alternative is dropped only at the end of a clause', () => {
    expect(dropNegatedAlternative('march 3rd, not the 13th. it broke')).toBe('march 3rd. it broke');
  });
});
