/**
 * Bytes of request bodies held in memory at once, overall and per client address. A body is
 * kept in memory until its last part has arrived and been checked; without a bound, a few
 * clients sending large bodies slowly (or never finishing them) could take the process's memory.
 */
export class MemoryBudget {
  private total = 0;
  private readonly byKey = new Map<string, number>();

  constructor(
    private readonly maxTotal: number,
    private readonly maxPerKey: number,
  ) {}

  /** Takes `bytes` for `key`; false (nothing taken) when either bound would be passed. */
  reserve(key: string, bytes: number): boolean {
    const mine = this.byKey.get(key) ?? 0;
    if (this.total + bytes > this.maxTotal || mine + bytes > this.maxPerKey) return false;
    this.total += bytes;
    this.byKey.set(key, mine + bytes);
    return true;
  }

  /** Gives back what `key` took. */
  release(key: string, bytes: number): void {
    if (bytes <= 0) return;
    this.total = Math.max(0, this.total - bytes);
    const left = (this.byKey.get(key) ?? 0) - bytes;
    if (left > 0) this.byKey.set(key, left);
    else this.byKey.delete(key);
  }

  get inUse(): number {
    return this.total;
  }
}
