import type { ClaimService } from '../claims/claimService';
import type { Clock } from '../clock';
import type { Claim } from '../domain/claim';
import { markdownLiteral } from '../domain/markdownLiteral';
import { type SilenceFacts, type SilenceLimits, type SilenceStep, silenceStep, stampOf } from '../domain/silence';
import type { Logger } from '../logger';
import type { ClaimNotes } from '../storage/claimNotes';
import type { ClaimRepository, PageCursor } from '../storage/claimRepository';
import type { Commits } from '../storage/commits';
import type { TranscriptEntry } from '../storage/transcriptRepository';

/** Chats looked at per page, and in one pass at most: the next tick goes on. */
const PAGE = 200;
const MAX_PER_PASS = 5_000;

export const customerReminder = (agentName: string, endMinutes: number) =>
  `Are you still there? ${markdownLiteral(agentName)} is waiting for your answer.${endMinutes > 0 ? ` If we don't hear from you in ${endMinutes} minutes, we'll end this chat — your claim stays saved.` : ''}`;
export const chatEndedLine = (mailOn: boolean) =>
  `We've ended this chat because we haven't heard from you. Your claim is saved: write here any time${mailOn ? ', or use the link in our email,' : ''} to continue.`;

export interface SilenceWatchDeps {
  claims: Pick<ClaimService, 'stampSilence'>;
  repo: Pick<ClaimRepository, 'page'>;
  commits: Pick<Commits, 'atomically' | 'durable'>;
  notes: Pick<ClaimNotes, 'add'>;
  transcriptOf: (claim: Claim) => Promise<TranscriptEntry[]>;
  /** An agent's display name, as the customer knows them. */
  nameOf: (username: string) => Promise<string>;
  /** A line from the service (no agent) in the customer's chat. */
  tellCustomer: (claim: Claim, text: string) => Promise<void>;
  /** Calls the agent who holds the chat (their console's notification and chime), once the reminder is committed. */
  remindAgent: (claim: Claim, waitingSince: string) => void;
  /** An ended chat freed its agent's seat: the router may give them another. */
  seatFreed: () => void;
  /** Whether customers get mail (and so a link back to their chat). */
  mailOn: boolean;
  limits: SilenceLimits;
  clock: Clock;
  logger: Logger;
}

/**
 * Watches the chats agents have for silence (src/domain/silence.ts): reminds a silent customer once,
 * then ends the chat (the claim keeps its status and agent, the seat is freed); reminds an agent who
 * has not answered. Led once per cluster with the router (the same lease and timer). Each step is
 * stamped on the claim, decided again under its lock, before anyone is told: a restart, a second
 * instance or a second tick finds the stamp and does nothing.
 */
export class SilenceWatch {
  private leading = false;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: SilenceWatchDeps) {}

  lead(): void {
    this.leading = true;
  }

  follow(): void {
    this.leading = false;
  }

  private get off(): boolean {
    const { customerRemindMs, customerEndMs, agentRemindMs } = this.deps.limits;
    return customerRemindMs === 0 && customerEndMs === 0 && agentRemindMs === 0;
  }

  /** The timer's work (tests call it after moving the clock); a tick during a pass waits for that pass. */
  tick(): Promise<void> {
    if (!this.leading || this.off) return Promise.resolve();
    this.running ??= this.pass()
      .catch((error) =>
        this.deps.logger.error({ err: error, code: 'SILENCE_WATCH_FAILED' }, 'silence watch failed (the next tick tries again)'),
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async pass(): Promise<void> {
    let cursor: PageCursor | null = null;
    let seen = 0;
    do {
      const page = await this.deps.repo.page({ statuses: ['with_agent'] }, PAGE, cursor);
      for (const claim of page.items) {
        if (!this.leading) return;
        await this.look(claim).catch((error) =>
          this.deps.logger.error({ err: error, claimId: claim.id, code: 'SILENCE_WATCH_FAILED' }, 'silence watch failed on a chat'),
        );
      }
      seen += page.items.length;
      cursor = page.next;
    } while (cursor && seen < MAX_PER_PASS);
  }

  private async look(claim: Claim): Promise<void> {
    // an ended chat waits for its customer: no transcript to read
    if (claim.handoff.chatEndedAt || !claim.handoff.agent) return;
    const now = this.deps.clock.now();
    const step = silenceStep(factsOf(claim, lastWords(await this.deps.transcriptOf(claim))), now, this.deps.limits);
    if (step === 'nothing') return;
    const done = await this.stamp(claim, step, now);
    if (!done) return;
    const { claim: stamped, words } = done;
    const agent = stamped.handoff.agent as string;
    this.deps.logger.info({ claimId: claim.id, agent, code: `SILENCE_${step.toUpperCase()}` }, 'silence in a chat');
    const tell = (text: string) =>
      this.deps.tellCustomer(stamped, text).catch((error) => this.deps.logger.warn({ err: error, claimId: claim.id }, 'customer not told'));
    if (step === 'remind_customer') await tell(customerReminder(await this.deps.nameOf(agent), this.deps.limits.customerEndMs / 60_000));
    else if (step === 'end_chat') {
      await tell(chatEndedLine(this.deps.mailOn));
      this.deps.seatFreed();
    } else this.deps.remindAgent(stamped, words.lastCustomerAt?.toISOString() ?? now.toISOString());
  }

  /**
   * Writes the step's stamp (and the agent's note) if, on the locked claim and its transcript read again
   * under the lock (the customer may have just written), it is still due: the claim and the words it was
   * decided on, or null.
   */
  private async stamp(claim: Claim, step: Exclude<SilenceStep, 'nothing'>, now: Date): Promise<{ claim: Claim; words: LastWords } | null> {
    const at = now.toISOString();
    const id = claim.id;
    let words: LastWords = NOBODY;
    const stampedClaim = await this.deps.commits.atomically(async () => {
      const stamped = await this.deps.claims.stampSilence(id, async (c) => {
        words = lastWords(await this.deps.transcriptOf(c));
        if (silenceStep(factsOf(c, words), now, this.deps.limits) !== step) return false;
        if (step === 'remind_customer') c.handoff.customerRemindedAt = at;
        else if (step === 'end_chat') c.handoff.chatEndedAt = at;
        else c.handoff.agentRemindedAt = at;
        return true;
      });
      const note = stamped && noteFor(step, words, now, Boolean(stamped.handoff.customerRemindedAt));
      if (note) await this.deps.notes.add(id, { author: 'system', text: note, createdAt: at });
      return stamped;
    });
    await this.deps.commits.durable();
    return stampedClaim && { claim: stampedClaim, words };
  }
}

/** What the agent reads in the claim's notes. */
function noteFor(step: SilenceStep, words: LastWords, now: Date, reminded: boolean): string | null {
  const minutesSince = (at: Date | null) => (at ? Math.max(0, Math.round((now.getTime() - at.getTime()) / 60_000)) : 0);
  if (step === 'end_chat')
    return `Chat ended: the customer has not answered for ${minutesSince(words.lastAgentAt)} min${reminded ? ', despite a reminder' : ''}. The claim stays yours but takes no seat; if the customer writes again, the chat is yours again.`;
  if (step === 'remind_agent') return `Reminder: the customer has waited ${minutesSince(words.lastCustomerAt)} min for an answer.`;
  return null;
}

const NOBODY: LastWords = { lastWordBy: null, lastCustomerAt: null, lastAgentAt: null };

export interface LastWords {
  lastWordBy: 'customer' | 'agent' | null;
  lastCustomerAt: Date | null;
  lastAgentAt: Date | null;
}

/**
 * Who spoke last in the chat, by the transcript's order (not its times: a clock that went back must not
 * reorder it), and when each person last spoke. The automatic greeting is the agent's word; the service's
 * lines (the assistant, reminders, notices) are nobody's.
 */
export function lastWords(transcript: TranscriptEntry[]): LastWords {
  const words: LastWords = { lastWordBy: null, lastCustomerAt: null, lastAgentAt: null };
  for (const entry of transcript) {
    if (entry.from === 'bot') continue;
    const at = stampOf(entry.timestamp);
    words.lastWordBy = entry.from;
    if (entry.from === 'customer') words.lastCustomerAt = at;
    else words.lastAgentAt = at;
  }
  return words;
}

/**
 * Until the agent has typed (`handoff.firstResponseAt`), their lines in the chat are the automatic ones
 * (the greeting, "… is taking over"): the turn is theirs, counted from when they took the chat or the
 * customer's last word, whichever is later — never the customer's, who would be told someone waits.
 */
export function turnTakingWords(claim: Claim, words: LastWords): LastWords {
  if (claim.handoff.firstResponseAt) return words;
  const taken = stampOf(claim.handoff.acceptedAt);
  const since = [words.lastCustomerAt, taken].filter((at): at is Date => at !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return { lastWordBy: since ? 'customer' : null, lastCustomerAt: since, lastAgentAt: null };
}

function factsOf(claim: Claim, words: LastWords): SilenceFacts {
  return {
    ...turnTakingWords(claim, words),
    customerRemindedAt: stampOf(claim.handoff.customerRemindedAt),
    chatEndedAt: stampOf(claim.handoff.chatEndedAt),
    agentRemindedAt: stampOf(claim.handoff.agentRemindedAt),
  };
}
