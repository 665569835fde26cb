/** The dashboard's period: days as `YYYY-MM-DD` (the server counts them in SUPPORT_TIMEZONE), presets ending today. */

/** `date`'s calendar day in `timeZone` (the browser's when none is given), as `YYYY-MM-DD`. */
export function dayOf(date, timeZone) {
  // en-CA writes a day as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/**
 * The last `days` days, today included, where the stats count days (SUPPORT_TIMEZONE, which
 * GET /api/agent/me gives): "last 7 days" is today there and the 6 before it, even when the
 * supervisor's own clock is already on another day.
 */
export function lastDays(days, timeZone, now = new Date()) {
  const to = dayOf(now, timeZone);
  const from = new Date(`${to}T00:00:00Z`);
  from.setUTCDate(from.getUTCDate() - (days - 1));
  return { from: from.toISOString().slice(0, 10), to };
}

/** The query string of a period, for /api/agent/stats, its CSV and the corrections. */
export const periodQuery = ({ from, to }) => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
