import type { Day } from '../calendar';

/** What one phrase of the answer says about the purchase day, before the window is applied. */
export type Reading =
  | { kind: 'date'; date: Day }
  | { kind: 'range'; earliest: Day; latest: Day }
  /**
   * `preferred`: the reading that stands when every reading decides the same (Feb 29 in a year without one).
   * `weekdayConflict`: the two readings of a date whose weekday disagrees ("Monday the 13th").
   */
  | { kind: 'ambiguous'; readings: Day[]; preferred?: Day; weekdayConflict?: { written: Day; byWeekday: Day; byYear?: Day } }
  | { kind: 'future' };

/** A phrase of the answer that names a day, with where it sits in the (normalized) text. */
export interface Mention {
  start: number;
  end: number;
  reading: Reading;
  source: string;
}

export const dateReading = (date: Day): Reading => ({ kind: 'date', date });
export const rangeReading = (earliest: Day, latest: Day): Reading =>
  earliest.getTime() === latest.getTime() ? { kind: 'date', date: earliest } : { kind: 'range', earliest, latest };
