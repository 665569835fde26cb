/**
 * The nearest-rank percentile's position (0-based) among `n` sorted values: the smallest value with
 * at least p·n values at or below it (ceil(p·n)-th), the method PostgreSQL's percentile_disc uses.
 * Both stores read the value at this position, so SQLite and PostgreSQL agree exactly.
 *
 * @example nearestRankIndex(0.9, 10) // 8 (the 9th of 10)
 */
export function nearestRankIndex(p: number, n: number): number {
  return Math.max(0, Math.ceil(p * n) - 1);
}
