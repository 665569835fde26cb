import { type Day, daysBetween } from './calendar';

export type WindowDecision = 'within' | 'outside' | 'ask';

/**
 * Whether a purchase on `day` is inside the warranty on `today`: the window counts
 * calendar days and is inclusive, so with 30 days a purchase on D is covered through D+30.
 * @example isWithinWindow(mar1, mar31, 30) // true; on Apr 1 it is false
 */
export function isWithinWindow(day: Day, today: Day, windowDays: number): boolean {
  const age = daysBetween(day, today);
  return age >= 0 && age <= windowDays;
}

/**
 * The decision for a set of possible purchase days (a range's ends, or every reading):
 * within or outside only when all of them agree, otherwise ask.
 */
export function decideWindow(days: Day[], today: Day, windowDays: number): WindowDecision {
  if (days.length === 0) return 'ask';
  const inside = days.map((d) => isWithinWindow(d, today, windowDays));
  if (inside.every(Boolean)) return 'within';
  if (inside.every((x) => !x) && days.every((d) => d <= today)) return 'outside';
  return 'ask';
}
