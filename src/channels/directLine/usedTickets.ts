/**
 * Where the single use of stream tickets is remembered: in this process, or (with REDIS_URL) in
 * Redis, so that a ticket used on one instance opens nothing on another.
 */
export interface UsedTickets {
  /**
   * Marks ticket `jti` used; true when it was not used before (the stream may open), false when it was.
   * `expiresAt` (seconds since the epoch) is when the ticket stops working anyway: no need to remember it longer.
   */
  markUsed(jti: string, expiresAt: number, now: number): Promise<boolean>;
}

/**
 * Used tickets of this process, with their expiry. Kept until they expire, never evicted by count:
 * minting many must not free one for reuse.
 */
export class UsedTicketsInMemory implements UsedTickets {
  private readonly used = new Map<string, number>();

  async markUsed(jti: string, expiresAt: number, now: number): Promise<boolean> {
    if (this.used.has(jti)) return false;
    this.forgetExpired(now);
    this.used.set(jti, expiresAt);
    return true;
  }

  /** Used tickets past their expiry can no longer be presented: forget them (oldest first, as they were used). */
  private forgetExpired(now: number): void {
    for (const [jti, exp] of this.used) {
      if (exp > now) break;
      this.used.delete(jti);
    }
  }
}
