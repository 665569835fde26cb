import type { Day } from '../../calendar';
import { dateReading, type Reading } from '../reading';
import type { ReadContext } from './recognizer';

/**
 * The readings among `days` that have happened by today: one is a date, several are a choice,
 * none is the future.
 * @example notAfterToday(ctx on 2026-02-28, [2026-02-28, 2026-03-01]) // date 2026-02-28
 */
export function notAfterToday(ctx: ReadContext, days: Day[]): Reading {
  const past = days.filter((d) => d <= ctx.today);
  if (past.length === 0) return { kind: 'future' };
  return past.length === 1 ? dateReading(past[0]) : { kind: 'ambiguous', readings: past };
}
