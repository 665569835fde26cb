import { type Expect, FUTURE, MID_MARCH, NONE, range, read } from './readAt';

/**
 * Seasons (recognizers/seasons.ts): spring Mar 1 … Jun 20, summer Jun 1 … Sep 22, fall Sep 1 … Dec 20
 * (meteorological and astronomical together); only with a word that makes them a time; not in the
 * southern hemisphere, where they are the other way round.
 */
describe('seasons', () => {
  test.each<[string, string, Expect]>([
    ['last summer', MID_MARCH, range('2025-06-01', '2025-09-22', 'outside')],
    ['I bought it last fall', MID_MARCH, range('2025-09-01', '2025-12-20', 'outside')],
    ['in the fall', MID_MARCH, range('2025-09-01', '2025-12-20', 'outside')],
    ['during the summer', MID_MARCH, range('2025-06-01', '2025-09-22', 'outside')],
    ['the summer of 2019', MID_MARCH, range('2019-06-01', '2019-09-22', 'outside')],
    ['autumn 2025', MID_MARCH, range('2025-09-01', '2025-12-20', 'outside')],
    ['this spring', MID_MARCH, range('2026-03-01', '2026-03-18', 'within')],
    ['this summer', MID_MARCH, FUTURE],
    ['since last spring', MID_MARCH, range('2025-03-01', '2026-03-18', 'ask')],
    // said after this year's summer: this year's or last year's
    ['last summer', '2026-10-10T15:00:00Z', range('2025-06-01', '2026-09-22', 'ask')],
    ['this past summer', '2026-10-10T15:00:00Z', range('2026-06-01', '2026-09-22', 'ask')],
    ['in the summer', '2026-10-10T15:00:00Z', range('2026-06-01', '2026-09-22', 'ask')],
    // the end of summer, 30 days back or 31
    ['this summer', '2026-10-22T15:00:00Z', range('2026-06-01', '2026-09-22', 'ask')],
    ['this summer', '2026-10-23T15:00:00Z', range('2026-06-01', '2026-09-22', 'outside')],
    // words, not seasons
    ['spring cleaning', MID_MARCH, NONE],
    ['spring', MID_MARCH, NONE],
    ['the spring broke', MID_MARCH, NONE],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));

  test.each<[string, string]>([
    ['last summer', 'Australia/Sydney'],
    ['last summer', 'America/Sao_Paulo'],
    ['last summer', '-03:00'],
  ])('%s in %s is not read', (text, tz) => expect(read(text, MID_MARCH, tz)).toEqual(NONE));
});
