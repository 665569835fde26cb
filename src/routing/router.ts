import type { ClaimService } from '../claims/claimService';
import type { Clock } from '../clock';
import type { RoutingConfig } from '../config/config';
import type { Claim } from '../domain/claim';
import { type Actor, systemActor } from '../domain/claimLifecycle';
import { AppError } from '../errors';
import type { GreetCustomer } from '../handoff/agentGreeting';
import type { Logger } from '../logger';
import type { ClaimNotes } from '../storage/claimNotes';
import type { ClaimRepository, Page, PageCursor } from '../storage/claimRepository';
import type { Commits } from '../storage/commits';
import { chooseAgent } from './chooseAgent';

/** How often the router looks again by itself (claims waiting, agents gone): its other passes are nudged by events. */
export const ROUTING_TICK_MS = 5_000;
/** Assignments in one pass at most: a pass never runs unbounded; the next tick goes on. */
const MAX_PER_PASS = 1_000;
/** The head of the queue looked at for claims to offer again (the longest waits come first). */
const REOFFER_SCAN = 200;

/** What the customer of a chat given back to the queue is told (their place is kept). */
export const BACK_IN_QUEUE =
  'Your agent is no longer available, so your chat is back in the queue — it keeps its place, and the next available agent will continue with you here.';

export interface RouterDeps {
  claims: Pick<ClaimService, 'assign' | 'requeue'>;
  repo: Pick<ClaimRepository, 'queue' | 'openChats' | 'chatsOf' | 'page'>;
  commits: Pick<Commits, 'atomically' | 'durable'>;
  notes: Pick<ClaimNotes, 'add'>;
  /** The agents whose stream is connected, on this instance or (with REDIS_URL) any. */
  online: () => string[];
  /** An agent's capacity: their own once agents have one, AGENT_CAPACITY otherwise. */
  capacityOf: (username: string) => Promise<number>;
  /** What a manual accept says to the customer (src/handoff/agentGreeting.ts). */
  greet: GreetCustomer;
  /** A line from the service (no agent) in the customer's chat. */
  tellCustomer: (claim: Claim, text: string) => Promise<void>;
  /** Whether a waiting claim is past QUEUE_REOFFER_MINUTES (src/domain/waitingTooLong.ts). */
  waitedTooLong: (claim: Claim) => boolean;
  /** Offers a claim that waited too long to every agent again (a notification in each console). */
  offerAgain: (claim: Claim) => void;
  config: RoutingConfig;
  clock: Clock;
  logger: Logger;
  /**
   * How long a new leader waits before giving anyone's chats back: the cluster's presence
   * (announced every few seconds) must be heard first, or a short grace would take the chats of
   * agents connected to other instances. 0 on one instance.
   */
  presenceSettleMs?: number;
}

/** Why an agent's chats go back to the queue: the note for the agents, and who does it. */
export interface GivingBack {
  note: string;
  by: Actor;
}

/**
 * Gives waiting claims to agents (AUTO_ASSIGN) and takes them back from agents who went away. One
 * pass at a time: a pass asked for during another runs once after it. Led once per cluster
 * (runOncePerCluster); each assignment is safe on its own anyway: the agent's seats are counted and
 * the claim assigned in one unit of work, holding the agent's seats (ClaimRepository.chatsOf), and
 * the claim's transition refuses a claim no longer waiting.
 */
export class Router {
  /** When each agent was last given a chat: ties go to the one who waited longest (round robin). */
  private readonly lastAssigned = new Map<string, number>();
  /** Agents with open chats whose stream is gone, and since when (this router's clock). */
  private readonly goneSince = new Map<string, number>();
  private seenOnline = new Set<string>();
  /** Claims offered again already: once each (a new leader may offer one once more). */
  private readonly offeredAgain = new Set<string>();
  /** Whether a timer tick asked for the look at long waits. */
  private offerDue = false;
  private running: Promise<void> | null = null;
  private again = false;
  private leading = false;
  private leadingSince = 0;
  /** What the customers of this pass are told (greetings, back in the queue): sent side by side, awaited once. */
  private customerLines: Promise<unknown>[] = [];

  constructor(private readonly deps: RouterDeps) {}

  lead(): void {
    this.leading = true;
    this.leadingSince = this.deps.clock.now().getTime();
    this.sawPresence();
    void this.nudge();
  }

  follow(): void {
    this.leading = false;
    this.goneSince.clear();
  }

  /**
   * Presence was told of (a stream opened or closed, here or elsewhere, or an instance's heartbeat):
   * starts (or cancels) the grace of whoever left (or came back). True when someone came or went
   * (a pass is then worth running); a heartbeat that changes nothing is no reason for one.
   */
  sawPresence(): boolean {
    const now = this.deps.clock.now().getTime();
    const online = new Set(this.deps.online());
    let changed = online.size !== this.seenOnline.size;
    for (const username of this.seenOnline) {
      if (online.has(username)) continue;
      changed = true;
      if (!this.goneSince.has(username)) this.goneSince.set(username, now);
    }
    for (const username of online) this.goneSince.delete(username);
    this.seenOnline = online;
    return changed;
  }

  /** Asks for a pass (a hand-off, a seat freed, a stream connected); resolves when one that started after the ask is done. */
  nudge(): Promise<void> {
    if (!this.leading) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          try {
            await this.pass();
          } catch (error) {
            this.deps.logger.error({ err: error, code: 'ROUTING_FAILED' }, 'routing pass failed (the next tick tries again)');
          }
        } while (this.again && this.leading);
      } finally {
        // cleared in the same step as the last check: an ask after it starts a pass of its own
        this.running = null;
      }
    })();
    return this.running;
  }

  /** The timer's work (tests call it after moving the clock): agents gone past their grace give their chats back, then a pass. */
  tick(): Promise<void> {
    this.sawPresence();
    this.offerDue = true;
    return this.nudge();
  }

  private async pass(): Promise<void> {
    try {
      await this.releaseAbsentAgents();
      if (this.deps.config.autoAssign) await this.assignWaiting();
      // on the timer's passes only: the passes a freed seat asks for stay as short as the assignment
      if (this.offerDue) {
        this.offerDue = false;
        await this.offerLongWaitsAgain();
      }
    } finally {
      // a slow channel delays this pass's end, not each assignment after it
      const lines = this.customerLines;
      this.customerLines = [];
      await Promise.allSettled(lines);
    }
  }

  /** Longest-waiting claim first, each to the available agent with the fewest open chats, until one side runs out. */
  private async assignWaiting(): Promise<void> {
    // each agent's account read once a pass, not once an assignment
    const capacities = new Map<string, Promise<number>>();
    const capacityOf = (username: string) => {
      if (!capacities.has(username)) capacities.set(username, this.deps.capacityOf(username));
      return capacities.get(username) as Promise<number>;
    };
    for (let n = 0; n < MAX_PER_PASS && this.leading; n++) {
      const online = this.deps.online();
      if (online.length === 0) return;
      const next = (await this.deps.repo.queue(1)).items[0];
      if (!next) return;
      const open = await this.deps.repo.openChats();
      const seats = await Promise.all(
        online.map(async (username) => ({
          username,
          open: open.get(username) ?? 0,
          capacity: await capacityOf(username),
          lastAssignedAt: this.lastAssigned.get(username) ?? null,
        })),
      );
      const agent = chooseAgent(seats);
      if (!agent) return;
      // another router or a manual accept may have moved first: then the counts are read again
      const capacity = seats.find((s) => s.username === agent)?.capacity ?? 0;
      const assigned = await this.assign(next.id, agent, capacity);
      if (!assigned) continue;
      this.lastAssigned.set(agent, this.deps.clock.now().getTime());
      this.deps.logger.info({ claimId: assigned.id, agent, code: 'CLAIM_ASSIGNED' }, 'waiting claim assigned');
      this.customerLines.push(this.deps.greet(assigned, agent).catch(() => undefined));
    }
  }

  /** The claim to the agent if they still have a seat and it still waits; null otherwise. */
  private async assign(claimId: string, agent: string, capacity: number): Promise<Claim | null> {
    try {
      const claim = await this.deps.commits.atomically(async () => {
        if ((await this.deps.repo.chatsOf(agent, true)).length >= capacity) return null;
        return this.deps.claims.assign(claimId, agent);
      });
      await this.deps.commits.durable();
      return claim;
    } catch (error) {
      if (error instanceof AppError && error.code === 'CLAIM_TRANSITION_REFUSED') return null;
      throw error;
    }
  }

  /** Claims nobody took within QUEUE_REOFFER_MINUTES are offered to every agent again, once each. */
  private async offerLongWaitsAgain(): Promise<void> {
    const waiting = (await this.deps.repo.queue(REOFFER_SCAN)).items;
    const stillWaiting = new Set(waiting.map((claim) => claim.id));
    for (const id of this.offeredAgain) if (!stillWaiting.has(id)) this.offeredAgain.delete(id);
    for (const claim of waiting) {
      if (this.offeredAgain.has(claim.id) || !this.deps.waitedTooLong(claim)) continue;
      this.offeredAgain.add(claim.id);
      this.deps.offerAgain(claim);
    }
  }

  /** Agents whose stream has been gone for the grace give their open chats back to the queue, with a note and a word to the customer. */
  private async releaseAbsentAgents(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    if (now - this.leadingSince < (this.deps.presenceSettleMs ?? 0)) return;
    const online = new Set(this.deps.online());
    const open = await this.deps.repo.openChats();
    for (const username of this.goneSince.keys()) if (!open.has(username)) this.goneSince.delete(username);
    for (const username of open.keys()) {
      if (online.has(username)) continue;
      // not seen leaving (a restart, another leader before): the grace starts now
      const since = this.goneSince.get(username) ?? now;
      this.goneSince.set(username, since);
      if (now - since < this.deps.config.offlineGraceMs) continue;
      this.goneSince.delete(username);
      const gone = `Back to the queue: ${username}'s console was disconnected for ${Math.round((now - since) / 1000)} s.`;
      await this.giveBackChatsOf(username, { note: gone, by: systemActor('routing') });
    }
  }

  /**
   * An agent's open chats back to the queue, each in its place, with a note and a word to the
   * customer: their console gone past the grace, or an admin disabling them — who gives back also the
   * chats ended for the customer's silence (`everyChat`), which a console gone for a while keeps. A
   * chat resolved, transferred or taken over meanwhile is left as it is. Returns the claims given back.
   */
  async giveBackChatsOf(username: string, why: GivingBack, everyChat = false): Promise<Claim[]> {
    const returned: Claim[] = [];
    for (const claimId of everyChat ? await this.everyChatOf(username) : await this.deps.repo.chatsOf(username)) {
      const back = await this.giveBack(claimId, username, why);
      if (back) returned.push(back);
    }
    await Promise.allSettled(returned.map((claim) => this.deps.tellCustomer(claim, BACK_IN_QUEUE)));
    return returned;
  }

  /** Every claim the agent holds, ended chats included (a disable is rare: the chats with agents are read page by page). */
  private async everyChatOf(username: string): Promise<string[]> {
    const held: string[] = [];
    let cursor: PageCursor | null = null;
    do {
      const page: Page<Claim> = await this.deps.repo.page({ statuses: ['with_agent'] }, 200, cursor);
      held.push(...page.items.filter((claim) => claim.handoff.agent === username).map((claim) => claim.id));
      cursor = page.next;
    } while (cursor);
    return held;
  }

  private async giveBack(claimId: string, username: string, why: GivingBack): Promise<Claim | null> {
    let back: Claim;
    try {
      back = await this.deps.commits.atomically(async () => {
        const claim = await this.deps.claims.requeue(claimId, why.by, username);
        await this.deps.notes.add(claimId, {
          author: why.by.id ?? 'system',
          text: why.note,
          createdAt: this.deps.clock.now().toISOString(),
        });
        return claim;
      });
      await this.deps.commits.durable();
    } catch (error) {
      // resolved, transferred or taken over meanwhile: nothing to give back
      if (error instanceof AppError && error.code === 'CLAIM_TRANSITION_REFUSED') return null;
      throw error;
    }
    this.deps.logger.info({ claimId, agent: username, code: 'CLAIM_REQUEUED' }, 'claim back in the queue');
    return back;
  }
}
