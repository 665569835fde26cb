import { readPurchaseDate } from '../../../src/domain/dates/readPurchaseDate';

/** Shared shapes for the date-family tables: every case names its own `now` and timezone. */
export type Expect = Record<string, unknown>;
export const read = (text: string, now: string, tz = 'America/New_York') => readPurchaseDate(text, new Date(now), tz, { windowDays: 30 });
export const day = (date: string, decision: string): Expect => ({ kind: 'date', date, decision });
export const range = (earliest: string, latest: string, decision: string): Expect => ({ kind: 'range', earliest, latest, decision });
export const either = (readings: string[], decision: string): Expect => ({ kind: 'ambiguous', readings, decision });
export const NONE: Expect = { kind: 'none', decision: 'ask' };
export const FUTURE: Expect = { kind: 'future', decision: 'ask' };
/** Wednesday 2026-03-18, 11:00 in New York. */
export const MID_MARCH = '2026-03-18T15:00:00Z';
