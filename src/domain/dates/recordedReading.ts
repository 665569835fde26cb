import type { Claim } from '../claim';
import type { PurchaseDateReading } from './readPurchaseDate';

/**
 * The purchase date as the claim recorded it, as a reading still to be clarified: the clarifying
 * question asked again from the claim alone, when the dialog state that held the original reading
 * is gone (another release served the conversation). A weekday's disagreement is not recorded, so
 * the question offers the readings by date.
 * @example recordedReading({ text: '5/4', date: null, earliest: null, latest: null, readings: ['2026-05-04', '2026-04-05'] })
 *   // { kind: 'ambiguous', readings: ['2026-05-04', '2026-04-05'], decision: 'ask' }
 */
export function recordedReading(purchase: Claim['purchase']): PurchaseDateReading {
  const { date, earliest, latest, readings } = purchase;
  const known = date ? { date } : {};
  if (readings.length > 1) return { kind: 'ambiguous', readings: [...readings], ...known, decision: 'ask' };
  if (earliest && latest) return { kind: 'range', earliest, latest, ...known, decision: 'ask' };
  if (date) return { kind: 'date', date, decision: 'ask' };
  return { kind: 'none', decision: 'ask' };
}
