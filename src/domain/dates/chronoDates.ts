import * as chrono from 'chrono-node';
import { makeDay } from '../calendar';
import { dateReading, type Mention, rangeReading } from './reading';
import { calendarDay, type ReadContext } from './recognizers';

const MONTH_NAME = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?/;

/**
 * Calendar dates written with a month name ("Aug 16th", "16-Aug-2027", "the 3rd of March"),
 * read by chrono-node. chrono's guess of a missing year is replaced by our convention:
 * the most recent such day not after the customer's today.
 */
export function readMonthNameDates(text: string, ctx: ReadContext): Mention[] {
  // Only results with a month name are kept, so without one chrono (the costliest step) has nothing to add.
  if (!MONTH_NAME.test(text)) return [];
  const reference = { instant: new Date(Date.UTC(ctx.today.getFullYear(), ctx.today.getMonth(), ctx.today.getDate(), 12)), timezone: 0 };
  const mentions: Mention[] = [];
  for (const result of chrono.en.parse(text, reference, { forwardDate: false })) {
    if (!MONTH_NAME.test(result.text) || !result.start.isCertain('month') || !result.start.isCertain('day')) continue;
    const year = result.start.isCertain('year') ? (result.start.get('year') as number) : null;
    const start = calendarDay(ctx, result.start.get('month') as number, result.start.get('day') as number, year);
    if (!start) continue;
    let reading = dateReading(start);
    if (result.end?.isCertain('day')) {
      const end = makeDay(start.getFullYear(), result.end.get('month') as number, result.end.get('day') as number);
      if (end && end > start) reading = rangeReading(start, end);
    }
    mentions.push({ start: result.index, end: result.index + result.text.length, reading, source: result.text });
  }
  return mentions;
}
