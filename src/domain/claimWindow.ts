import { localToday, parseIsoDay } from './calendar';
import type { Claim } from './claim';
import { decideWindow, type WindowDecision } from './warrantyWindow';

/**
 * The window decision for a claim's recorded purchase, counted to the day the claim began
 * in the customer's timezone — so a customer who starts in time and sends proof later
 * is not penalised.
 */
export function claimWindow(claim: Pick<Claim, 'purchase' | 'createdAt' | 'timeZone'>, windowDays: number): WindowDecision {
  const today = localToday(new Date(claim.createdAt), claim.timeZone);
  const { date, earliest, latest, readings } = claim.purchase;
  const days = (date ? [date] : earliest && latest ? [earliest, latest] : readings).map(parseIsoDay).filter((d) => d !== null);
  return decideWindow(days, today, windowDays);
}
