/** Who is online to answer: the agents connected to this instance, or (with REDIS_URL) to any instance. */
export interface WhoIsOnline {
  /** Synchronous: asked inside turns (a hand-off's notice, the waiting room). */
  anyOnline(): boolean;
  isOnline(username: string): boolean;
  /** How many different agents are online (the wait estimate shares the queue among them). */
  countOnline(): number;
}

/** How many agents are connected to the console right now (their live streams) on this instance. */
export class AgentPresence implements WhoIsOnline {
  private readonly connected = new Map<string, number>();
  private readonly listeners = new Set<() => void>();

  connect(username: string): () => void {
    const before = this.connected.size;
    this.connected.set(username, (this.connected.get(username) ?? 0) + 1);
    if (this.connected.size !== before) this.changed();
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      const n = (this.connected.get(username) ?? 1) - 1;
      if (n > 0) return void this.connected.set(username, n);
      this.connected.delete(username);
      this.changed();
    };
  }

  anyOnline(): boolean {
    return this.connected.size > 0;
  }

  isOnline(username: string): boolean {
    return this.connected.has(username);
  }

  countOnline(): number {
    return this.connected.size;
  }

  /** The usernames connected here, each once. */
  usernames(): string[] {
    return [...this.connected.keys()];
  }

  /** Called when an agent comes online here or goes offline here (not for a second tab); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    // a wrapper of its own, so the same function subscribed twice is removed once per unsubscribe
    const entry = () => listener();
    this.listeners.add(entry);
    return () => void this.listeners.delete(entry);
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
