import type { Clock } from '../clock';
import { isWithinSupportHours } from '../domain/supportHours';
import type { WhoIsOnline } from './agentPresence';

/** Whether someone can answer now, and how many can. */
export type Availability = Pick<WhoIsOnline, 'anyOnline' | 'countOnline'>;

/**
 * Someone can answer now: an agent is connected, within the support hours (if set). Hand-off
 * notices and the waiting room offer a call-back otherwise.
 */
export function availability(
  presence: Availability,
  hours: { supportHours?: string; supportTimeZone: string },
  clock: Clock,
): Availability {
  const inHours = () => !hours.supportHours || isWithinSupportHours(hours.supportHours, clock.now(), hours.supportTimeZone);
  return {
    anyOnline: () => presence.anyOnline() && inHours(),
    // outside the support hours nobody counts: no wait estimate is given then
    countOnline: () => (inHours() ? presence.countOnline() : 0),
  };
}
