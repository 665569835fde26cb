/** The dashboard's period: days as `YYYY-MM-DD` (the server counts them in SUPPORT_TIMEZONE), presets ending today. */

/** `date`'s calendar day where the browser is, as `YYYY-MM-DD`. */
export function dayOf(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last `days` days, today included: "last 7 days" is today and the 6 before it. */
export function lastDays(days, now = new Date()) {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1));
  return { from: dayOf(from), to: dayOf(now) };
}

/** The query string of a period, for /api/agent/stats, its CSV and the corrections. */
export const periodQuery = ({ from, to }) => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
