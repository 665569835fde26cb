import { makeDay } from '../../calendar';
import { monthPartSoFar } from './days';
import { num } from './expressions';
import { groupsOf, type Recognizer } from './recognizer';

/**
 * A month written in numbers with its year: "3/2015", "03/2015", "12-2015", "3.2015", "2015-3",
 * "2015/03", "2015.3". The whole month (DATES.md: a month is a range), cut at today when it is
 * this month, future when it has not begun. A four-digit part is the year, so there is no
 * month/day ambiguity; a part that is no month (13/2015) is no date.
 * Not "3/4/2026", "2026-03-04", "03.04.2026" (a third number: a day), nor a price ("for 2015.30").
 */
const NOT_IN_A_LONGER_NUMBER_BEFORE = '(?<![\\d/.-])(?<!\\$\\s*)(?<!\\b(?:for|paid|costs?|price|priced at)\\s+)';
const NOT_IN_A_LONGER_NUMBER_AFTER = '(?!\\d|[/.-]\\d)';
const MONTH_NUMBER = '(?<month>0?[1-9]|1[0-2])';
const YEAR = '(?<year>(?:19|20)\\d{2})';

export const numericMonthYear: Recognizer = {
  name: 'numeric-month-year',
  pattern: new RegExp(
    `${NOT_IN_A_LONGER_NUMBER_BEFORE}(?:${MONTH_NUMBER}[/.-]${YEAR}|${YEAR.replace('<year>', '<yearFirst>')}[/.-]${MONTH_NUMBER.replace('<month>', '<monthAfter>')})${NOT_IN_A_LONGER_NUMBER_AFTER}`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const monthStart = makeDay(num(g.year ?? g.yearFirst), num(g.month ?? g.monthAfter), 1);
    return monthStart ? monthPartSoFar(ctx, monthStart, 'whole', true) : null;
  },
};
