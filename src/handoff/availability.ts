import type { Clock } from '../clock';
import { isWithinSupportHours } from '../domain/supportHours';
import type { AgentPresence } from './agentPresence';

/**
 * Someone can answer now: an agent is connected, within the support hours (if set). Hand-off
 * notices and the waiting room offer a call-back otherwise.
 */
export function availability(
  presence: Pick<AgentPresence, 'anyOnline'>,
  hours: { supportHours?: string; supportTimeZone: string },
  clock: Clock,
): Pick<AgentPresence, 'anyOnline'> {
  return {
    anyOnline: () =>
      presence.anyOnline() && (!hours.supportHours || isWithinSupportHours(hours.supportHours, clock.now(), hours.supportTimeZone)),
  };
}
