import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { type Claim, type ClaimStatus, findModelNumber, newClaim, type ProofFile } from '../domain/claim';
import { summarizeClaim } from '../domain/claimSummary';
import { claimWindow } from '../domain/claimWindow';
import type { ConditionsReading } from '../domain/conditionsClassifier';
import type { ConversationKey } from '../domain/conversationKey';
import type { PurchaseDateReading } from '../domain/dates/readPurchaseDate';
import { type DecisionReason, decideEligibility, type HandoffReason, type Outcome } from '../domain/eligibility';
import type { Policy } from '../domain/policy';
import type { ProofAnswer } from '../domain/proofClassifier';
import type { ClaimRepository, RmaRegistry } from '../storage/claimRepository';
import type { ClaimEvents } from './claimEvents';

const STATUS_FOR: Record<Exclude<Outcome, 'needs_agent'>, ClaimStatus> = {
  covered: 'rma_issued',
  not_covered: 'not_covered',
  awaiting_proof: 'awaiting_proof',
};

/**
 * Everything that changes a claim goes through here, so the claim's life follows the one
 * table in design.md whoever drives it (the bot's dialogs or an agent).
 */
export class ClaimService {
  constructor(
    private readonly repo: ClaimRepository,
    private readonly rma: RmaRegistry,
    readonly policy: Policy,
    private readonly clock: Clock,
    private readonly events: ClaimEvents,
  ) {}

  get(id: string): Claim | null {
    return this.repo.get(id);
  }

  current(conversation: ConversationKey): Claim | null {
    return this.repo.latestForConversation(conversation);
  }

  /** Opens a new claim; an unfinished one of the same conversation is closed first. */
  open(conversation: ConversationKey, timeZone: string): Claim {
    const previous = this.current(conversation);
    if (previous && previous.status === 'in_progress') this.close(previous.id);
    const claim = newClaim(randomUUID(), conversation.id, this.clock.now(), this.policy.version, timeZone);
    claim.channel = conversation.channel;
    this.repo.insert(claim);
    return claim;
  }

  /** The conversation's claim that is still being filled in, or a new one. */
  openOrContinue(conversation: ConversationKey, timeZone: string): Claim {
    const claim = this.current(conversation);
    return claim && claim.status === 'in_progress' ? claim : this.open(conversation, timeZone);
  }

  update(id: string, change: (claim: Claim) => void): Claim {
    const claim = this.repo.getForUpdate(id);
    if (!claim) throw new Error(`unknown claim ${id}`);
    change(claim);
    claim.updatedAt = this.clock.now().toISOString();
    this.repo.save(claim);
    void this.events.emit({ type: 'claim.updated', claim });
    return claim;
  }

  recordProduct(id: string, text: string): Claim {
    return this.update(id, (c) => {
      c.product = { text: text.trim().slice(0, 500), model: findModelNumber(text) };
    });
  }

  recordPurchase(id: string, text: string, reading: PurchaseDateReading): Claim {
    return this.update(id, (c) => {
      c.purchase = {
        text: text.trim().slice(0, 500),
        date: reading.date ?? null,
        earliest: reading.earliest ?? null,
        latest: reading.latest ?? null,
        readings: reading.readings ?? [],
      };
    });
  }

  recordProof(id: string, answer: ProofAnswer): Claim {
    return this.update(id, (c) => {
      c.proof.type = answer.type ?? c.proof.type;
      c.proof.availability = answer.availability;
    });
  }

  attachProof(id: string, file: ProofFile): Claim {
    return this.update(id, (c) => {
      c.proof.files.push(file);
      c.proof.availability = 'has_now';
    });
  }

  recordProblem(id: string, text: string, reading: ConditionsReading): Claim {
    return this.update(id, (c) => {
      c.problem = { text: text.trim().slice(0, 2000) };
      this.mergeConditions(c, reading);
    });
  }

  recordConditions(id: string, reading: ConditionsReading): Claim {
    return this.update(id, (c) => this.mergeConditions(c, reading));
  }

  private mergeConditions(c: Claim, reading: ConditionsReading): void {
    const exclusions = new Set([...c.conditions.exclusions, ...reading.exclusions]);
    const unsure = new Set([...c.conditions.unsure, ...reading.unsure].filter((x) => !exclusions.has(x)));
    c.conditions = {
      reported: [...new Set([...c.conditions.reported, ...reading.reported])],
      exclusions: [...exclusions],
      unsure: [...unsure],
    };
  }

  /** Clears what the customer said was wrong about their conditions answer (they said "no" after all). */
  clearUnsure(id: string): Claim {
    return this.update(id, (c) => {
      c.conditions.unsure = [];
    });
  }

  /**
   * Applies the policy to the facts and stores the decision (before anyone is told).
   * A covered claim gets its RMA number here, once. When the policy cannot decide, nothing
   * is stored and the hand-off reason is returned: the caller hands off.
   */
  async decide(id: string): Promise<{ claim: Claim; handoffReason: HandoffReason | null }> {
    const claim = this.repo.get(id);
    if (!claim) throw new Error(`unknown claim ${id}`);
    const eligibility = decideEligibility({
      window: claimWindow(claim, this.policy.window.days),
      exclusions: claim.conditions.exclusions,
      unsure: claim.conditions.unsure,
      hasDigitalProof: claim.proof.files.length > 0,
    });
    if (eligibility.outcome === 'needs_agent') return { claim, handoffReason: eligibility.handoffReason ?? 'uncertain_condition' };
    const decided = this.setDecision(id, eligibility.outcome, eligibility.reasons, 'bot', null);
    await this.events.emit({ type: 'claim.decided', claim: decided });
    return { claim: decided, handoffReason: null };
  }

  private setDecision(
    id: string,
    outcome: Exclude<Outcome, 'needs_agent'>,
    reasons: DecisionReason[],
    by: 'bot' | 'agent',
    note: string | null,
  ): Claim {
    const rmaNumber = outcome === 'covered' ? this.rma.issue(id, this.clock.now()) : null;
    return this.update(id, (c) => {
      c.status = STATUS_FOR[outcome];
      c.rmaNumber = rmaNumber ?? c.rmaNumber;
      c.decision = { ...c.decision, outcome, reasons, decidedBy: by, note };
    });
  }

  /** An agent's resolution: the bot's own decision, if any, is kept in `decision.bot`. */
  async resolveByAgent(
    id: string,
    outcome: Exclude<Outcome, 'needs_agent'>,
    reasons: DecisionReason[],
    note: string | null,
  ): Promise<Claim> {
    const claim = this.setDecision(id, outcome, reasons, 'agent', note);
    await this.events.emit({ type: 'claim.decided', claim });
    return claim;
  }

  /**
   * Puts the claim in the agents' queue with its reason. A decision the bot already made
   * is kept in `decision.bot`; the outcome becomes `needs_agent`.
   */
  async requestHandoff(id: string, reason: HandoffReason): Promise<Claim> {
    const now = this.clock.now().toISOString();
    const claim = this.update(id, (c) => {
      if (c.decision.outcome && c.decision.outcome !== 'needs_agent')
        c.decision.bot = { outcome: c.decision.outcome, reasons: c.decision.reasons };
      c.status = 'pending_agent';
      c.decision.outcome = 'needs_agent';
      c.decision.reasons = [];
      c.decision.decidedBy = null;
      c.handoff = { ...c.handoff, reason, requestedAt: now, agent: null, acceptedAt: null };
    });
    await this.events.emit({ type: 'handoff.requested', claim, reason, summary: summarizeClaim(claim, this.policy) });
    return claim;
  }

  /** An agent takes a waiting claim; null when someone else got it first (or it is not waiting). */
  accept(id: string, agent: string): Claim | null {
    const now = this.clock.now().toISOString();
    const claim = this.repo.compareAndSetStatus(id, 'pending_agent', (c) => {
      c.status = 'with_agent';
      c.handoff = { ...c.handoff, agent, acceptedAt: now };
      c.updatedAt = now;
    });
    if (claim) void this.events.emit({ type: 'claim.updated', claim });
    return claim;
  }

  /** The assistant takes the conversation back and resumes the claim where it was. */
  returnToBot(id: string): Claim {
    return this.update(id, (c) => {
      c.status = 'in_progress';
      c.decision = { ...c.decision, outcome: c.decision.bot?.outcome ?? null, reasons: c.decision.bot?.reasons ?? [], decidedBy: null };
      if (c.decision.outcome)
        c.status = c.decision.outcome === 'covered' ? 'rma_issued' : (c.decision.outcome as 'not_covered' | 'awaiting_proof');
    });
  }

  close(id: string): Claim {
    return this.update(id, (c) => {
      c.status = 'closed';
    });
  }

  recordCallbackEmail(id: string, email: string): Claim {
    return this.update(id, (c) => {
      c.handoff.callbackEmail = email;
      c.customer.email = c.customer.email ?? email;
    });
  }

  recordCsat(id: string, score: number | null, comment: string | null): Claim {
    return this.update(id, (c) => {
      if (score !== null) c.csat.score = score;
      if (comment !== null) c.csat.comment = comment.slice(0, 2000);
    });
  }
}
