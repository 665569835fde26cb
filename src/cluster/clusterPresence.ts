import type { Clock } from '../clock';
import type { AgentPresence, WhoIsOnline } from '../handoff/agentPresence';
import type { ClusterBus } from './clusterBus';

/** The bus channel on which instances say which agents are connected to them. */
const PRESENCE = 'agents.presence';
/** How often an instance repeats who is connected to it, changed or not. */
export const PRESENCE_HEARTBEAT_MS = 5_000;
/** Another instance unheard of for this long is taken for dead: its agents no longer count. */
export const PRESENCE_STALE_AFTER_MS = 3 * PRESENCE_HEARTBEAT_MS;
/** More usernames than any instance has agents: a message past it is not ours to believe. */
const MAX_USERNAMES = 10_000;

/** Runs `tick` every `ms` until the returned stop is called (injectable: tests tick by hand). */
export type Every = (ms: number, tick: () => void) => () => void;
const everyInterval: Every = (ms, tick) => {
  const timer = setInterval(tick, ms);
  // a heartbeat never keeps the process alive
  timer.unref();
  return () => clearInterval(timer);
};

/**
 * Agents online anywhere in the cluster: those connected to this instance, and those the other
 * instances last said were connected to them. Each instance says who is connected to it on the bus
 * when that changes and on a heartbeat; a new instance asks for a roll call; one that stops says
 * goodbye (nobody), and one that dies (no goodbye) stops counting once it has missed three
 * heartbeats. `anyOnline` stays synchronous — it is asked inside turns — so it reads this map, never Redis.
 *
 * Why announcements rather than a Redis sorted set of heartbeats: a synchronous answer needs a local
 * copy either way, and the bus already delivers it without polling; "when it was last heard of" is
 * read on the receiver's own clock, so the instances' clocks need not agree. A lost message
 * (Redis restarting) is repaired by the next heartbeat.
 */
export class ClusterPresence implements WhoIsOnline {
  private readonly others = new Map<string, { usernames: Set<string>; heardAt: number }>();
  private readonly listeners = new Set<() => void>();
  private stopHeartbeat: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly local: AgentPresence,
    private readonly bus: ClusterBus,
    private readonly clock: Clock,
    private readonly every: Every = everyInterval,
  ) {}

  /** Joins: listens to the others, asks them for a roll call once subscribed, and starts the heartbeat. */
  start(): Promise<void> {
    this.local.onChange(() => this.announce());
    this.stopHeartbeat = this.every(PRESENCE_HEARTBEAT_MS, () => this.announce());
    // back after Redis was away (or after only this instance's connection came back): the others may
    // have forgotten this one's agents, and it theirs — everyone answers a roll call at once
    this.bus.onResumed(() => {
      if (this.stopped) return;
      this.bus.publish(PRESENCE, { kind: 'rollcall' });
      this.announce();
    });
    // not awaited by the app: with Redis away at start the subscription waits for it, and the instance starts anyway
    return this.bus
      .subscribe(PRESENCE, (message) => this.heard(message))
      .then(() => {
        if (this.stopped) return;
        this.bus.publish(PRESENCE, { kind: 'rollcall' });
        this.announce();
      });
  }

  anyOnline(): boolean {
    return this.local.anyOnline() || this.anyOnlineElsewhere();
  }

  /** Whether an agent is connected to another instance (this one's feed events then go over the bus). */
  anyOnlineElsewhere(): boolean {
    for (const other of this.fresh()) if (other.size > 0) return true;
    return false;
  }

  isOnline(username: string): boolean {
    if (this.local.isOnline(username)) return true;
    for (const other of this.fresh()) if (other.has(username)) return true;
    return false;
  }

  /** The usernames connected to any instance, each once (the router's candidates). */
  usernames(): string[] {
    const all = new Set(this.local.usernames());
    for (const other of this.fresh()) for (const username of other) all.add(username);
    return [...all];
  }

  /** Each agent once, however many instances they are connected to. */
  countOnline(): number {
    return this.usernames().length;
  }

  /**
   * Called whenever another instance says who is connected to it (a test waits on it; metrics may).
   * Returns the unsubscribe: a waiter that is done must not stay in the list for the process's life.
   */
  onChange(listener: () => void): () => void {
    // a wrapper of its own, so the same function subscribed twice is removed once per unsubscribe
    const entry = () => listener();
    this.listeners.add(entry);
    return () => void this.listeners.delete(entry);
  }

  /** Stops the heartbeat and says goodbye: this instance's agents stop counting at once. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.stopHeartbeat?.();
    this.bus.publish(PRESENCE, { kind: 'here', usernames: [] });
  }

  private announce(): void {
    if (this.stopped) return;
    this.bus.publish(PRESENCE, { kind: 'here', usernames: this.local.usernames() });
  }

  private heard(message: Record<string, unknown>): void {
    const from = message.from;
    if (typeof from !== 'string') return;
    if (message.kind === 'rollcall') return void this.announce();
    const usernames = message.usernames;
    if (message.kind !== 'here' || !Array.isArray(usernames) || usernames.length > MAX_USERNAMES) return;
    if (usernames.length === 0) this.others.delete(from);
    else this.others.set(from, { usernames: new Set(usernames.filter((u) => typeof u === 'string')), heardAt: this.clock.now().getTime() });
    for (const listener of [...this.listeners]) listener();
  }

  /** The usernames of each instance heard of lately; those silent too long are forgotten. */
  private *fresh(): Iterable<Set<string>> {
    const oldest = this.clock.now().getTime() - PRESENCE_STALE_AFTER_MS;
    for (const [instance, other] of this.others) {
      if (other.heardAt < oldest) this.others.delete(instance);
      else yield other.usernames;
    }
  }
}
