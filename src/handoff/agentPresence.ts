/** How many agents are connected to the console right now (their live streams). */
export class AgentPresence {
  private readonly connected = new Map<string, number>();

  connect(username: string): () => void {
    this.connected.set(username, (this.connected.get(username) ?? 0) + 1);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      const n = (this.connected.get(username) ?? 1) - 1;
      if (n <= 0) this.connected.delete(username);
      else this.connected.set(username, n);
    };
  }

  anyOnline(): boolean {
    return this.connected.size > 0;
  }
}
