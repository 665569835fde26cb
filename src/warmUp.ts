import type { Clock } from './clock';
import { readPurchaseDate } from './domain/dates/readPurchaseDate';
import type { Policy } from './domain/policy';

/** Sentences of each kind the date reader handles: each compiles its own patterns on first use. */
const SAMPLES = ['I bought it on March 3rd', 'about 2 weeks ago', '03/04/2026', 'last friday', 'my camera stopped working'];

/** The first reads compile chrono's and our own patterns (~150 ms): pay that at boot, not in a customer's turn. */
export function warmUpDateReader(clock: Clock, timeZone: string, policy: Policy): void {
  for (const text of SAMPLES) readPurchaseDate(text, clock.now(), timeZone, { windowDays: policy.window.days });
}
