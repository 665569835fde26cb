import { startOfYear, subYears } from 'date-fns';
import { type Day, makeDay, shiftDays } from '../../calendar';
import { type Reading, rangeReading } from '../reading';
import { num } from './expressions';
import { groupsOf, type ReadContext, type Recognizer } from './recognizer';

export const lastYear: Recognizer = {
  name: 'last-year',
  pattern: /\b(?:last|previous) year\b/g,
  read: (_m, ctx) => rangeReading(subYears(startOfYear(ctx.today), 1) as Day, shiftDays(startOfYear(ctx.today) as Day, -1)),
};

/** "in 2025": the whole year, cut at today if it is this year. */
export const yearOnly: Recognizer = {
  name: 'year-only',
  pattern: /\b(?:in|during|back in|sometime in|around)\s+(?<year>\d{4})\b/g,
  read: (m, ctx) => yearSoFar(ctx, num(groupsOf(m).year)),
};

/** A whole year: cut at today if it is this year, future if it has not begun. */
export function yearSoFar(ctx: ReadContext, year: number): Reading {
  const from = makeDay(year, 1, 1) as Day;
  if (from > ctx.today) return { kind: 'future' };
  const to = makeDay(year, 12, 31) as Day;
  return rangeReading(from, to > ctx.today ? ctx.today : to);
}

export const thisYear: Recognizer = {
  name: 'this-year',
  pattern: /\b(?:earlier )?this year\b/g,
  read: (_m, ctx) => rangeReading(startOfYear(ctx.today) as Day, ctx.today),
};
