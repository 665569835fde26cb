import type { Day } from '../../calendar';
import type { Reading } from '../reading';

export interface ReadContext {
  today: Day;
  now: Date;
  tz: string;
}

/** A phrase shape we understand. `noise` phrases are blanked out so no later rule reads them as dates. */
export interface Recognizer {
  name: string;
  pattern: RegExp;
  read: (m: RegExpExecArray, ctx: ReadContext) => Reading | 'noise' | null;
}

/** The named capture groups of a match (groups that did not take part are undefined). */
export const groupsOf = (m: RegExpExecArray): Record<string, string | undefined> => m.groups ?? {};
