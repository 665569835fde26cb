import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { type Claim, type ClaimStatus, findModelNumber, newClaim, type ProofFile } from '../domain/claim';
import { claimEligibility } from '../domain/claimEligibility';
import { type ApplyMode, applyFacts, mergeConditions } from '../domain/claimFacts/applyFacts';
import { type ClaimFacts, type FactName, factNames } from '../domain/claimFacts/claimFacts';
import { type Actor, BOT, type ClaimAction, CUSTOMER, mayCorrect, mayEdit, mayTransition, systemActor } from '../domain/claimLifecycle';
import { summarizeClaim } from '../domain/claimSummary';
import type { ConditionsReading } from '../domain/conditionsClassifier';
import type { ConversationKey } from '../domain/conversationKey';
import type { PurchaseDateReading } from '../domain/dates/readPurchaseDate';
import type { DecisionReason, HandoffReason, Outcome } from '../domain/eligibility';
import type { ExclusionCode, Policy } from '../domain/policy';
import { recognizeProduct } from '../domain/products/recognizeProduct';
import type { ProofAnswer } from '../domain/proofClassifier';
import { claimReceipt, type ProofReading, type ReceiptAnswer, receiptLine, unreadProofLine } from '../domain/receipts/claimReceipt';
import { receiptConflict } from '../domain/receipts/receiptConflict';
import { fail } from '../errors';
import type { AuditEntry } from '../storage/claimAudit';
import type { Storage } from '../storage/storage';
import type { ClaimEvents } from './claimEvents';

/** The idle timer, as the silence watch acts. */
const IDLE = systemActor('idle');
/** A chat given to an agent (or back to the queue) starts with no silence behind it. */
const NO_SILENCE = { customerRemindedAt: null, chatEndedAt: null, agentRemindedAt: null } as const;

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
    private readonly storage: Pick<Storage, 'claims' | 'rmaNumbers' | 'audit' | 'commits'>,
    readonly policy: Policy,
    private readonly clock: Clock,
    private readonly events: ClaimEvents,
  ) {}

  get(id: string): Promise<Claim | null> {
    return this.storage.claims.get(id);
  }

  current(conversation: ConversationKey): Promise<Claim | null> {
    return this.storage.claims.latestForConversation(conversation);
  }

  /** Opens a new claim; an unfinished one of the same conversation is closed first. */
  async open(conversation: ConversationKey, timeZone: string): Promise<Claim> {
    const previous = await this.current(conversation);
    if (previous && previous.status === 'in_progress') await this.close(previous.id, BOT, 'start_over');
    const claim = newClaim(randomUUID(), conversation.id, this.clock.now(), this.policy.version, timeZone);
    claim.channel = conversation.channel;
    await this.storage.claims.insert(claim);
    return claim;
  }

  /** The conversation's claim that is still being filled in, or a new one. */
  async openOrContinue(conversation: ConversationKey, timeZone: string): Promise<Claim> {
    const claim = await this.current(conversation);
    return claim && claim.status === 'in_progress' ? claim : this.open(conversation, timeZone);
  }

  /**
   * Changes a claim's facts, not its status: the bot only on claims it runs, the customer only
   * while a person has their claim (lifecycle `mayEdit`). A closed claim is never written again.
   */
  update(id: string, change: (claim: Claim) => void, by: Actor = BOT): Promise<Claim> {
    return this.storage.commits.atomically(() => this.updateNow(id, change, by));
  }

  private async updateNow(id: string, change: (claim: Claim) => void, by: Actor): Promise<Claim> {
    const claim = (await this.storage.claims.getForUpdate(id)) ?? fail('CLAIM_NOT_FOUND');
    if (!mayEdit(claim.status, by)) fail('CLAIM_TRANSITION_REFUSED', `A ${claim.status} claim cannot be changed by the ${by.kind}.`);
    const status = claim.status;
    change(claim);
    refreshReceipt(claim);
    // a status changes only through `transition`, where the lifecycle decides
    if (claim.status !== status) throw new Error(`update() may not change a claim's status (${status} → ${claim.status})`);
    return this.store(claim);
  }

  private async store(claim: Claim): Promise<Claim> {
    claim.updatedAt = this.clock.now().toISOString();
    await this.storage.claims.save(claim);
    void this.events.emit({ type: 'claim.updated', claim });
    return claim;
  }

  /**
   * The one door for status changes: the lifecycle table decides whether `by` may move the
   * claim by `action` to `to` (a status, or one computed from the claim); then `change` fills
   * in the rest, and the claim and its audit entry are written in the same commit.
   */
  private transition(
    id: string,
    action: ClaimAction,
    by: Actor,
    to: ClaimStatus | ((claim: Claim) => ClaimStatus),
    change: (claim: Claim) => void | Promise<void> = () => {},
  ): Promise<Claim> {
    // read, check and write under the claim's lock: a second agent's accept waits, then sees it taken
    return this.storage.commits.atomically(async () => {
      const claim = (await this.storage.claims.getForUpdate(id)) ?? fail('CLAIM_NOT_FOUND');
      const from = claim.status;
      const target = typeof to === 'function' ? to(claim) : to;
      const verdict = mayTransition({ from, to: target, action, actor: by, owner: claim.handoff.agent });
      if (!verdict.ok)
        fail(
          verdict.refusal === 'not_owner' ? 'NOT_CLAIM_OWNER' : 'CLAIM_TRANSITION_REFUSED',
          `(${action}: ${from} → ${target} by the ${by.kind})`,
        );
      await change(claim);
      claim.status = target;
      const at = this.clock.now().toISOString();
      await this.storage.audit.record({ claimId: id, from, to: target, action, actorKind: by.kind, actorId: by.id, at });
      return this.store(claim);
    });
  }

  /** Every status change of the claim, oldest first. */
  auditTrail(id: string): Promise<AuditEntry[]> {
    return this.storage.audit.of(id);
  }

  /**
   * Keeps the product an answer names, read by the catalogue (recognizeProduct): the model and how
   * it was known, and the product words without the chatter. Text that names no product is kept
   * as it was said, with no source (callers ask the recognizer first).
   */
  recordProduct(id: string, text: string): Promise<Claim> {
    const product = recognizeProduct(text, this.policy);
    return this.update(id, (c) => {
      c.product =
        product.kind === 'not_a_product'
          ? { text: text.trim().slice(0, 500), model: findModelNumber(text, this.policy), source: null, family: null }
          : {
              text: product.text,
              model: product.kind === 'model' ? product.model : null,
              source: product.source,
              family: product.kind === 'model' ? (product.family ?? null) : null,
            };
    });
  }

  recordPurchase(id: string, text: string, reading: PurchaseDateReading): Promise<Claim> {
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

  recordProof(id: string, answer: ProofAnswer): Promise<Claim> {
    return this.update(id, (c) => {
      c.proof.type = answer.type ?? c.proof.type;
      c.proof.availability = answer.availability;
    });
  }

  attachProof(id: string, file: ProofFile): Promise<Claim> {
    return this.update(id, (c) => {
      c.proof.files.push(file);
      c.proof.availability = 'has_now';
    });
  }

  /**
   * Stores what the proof reader made of one of the claim's files, whatever the claim's status
   * but closed (a reading that finishes after the hand-off is for the agent): a fact about the
   * file, not a change the lifecycle decides.
   */
  async recordReading(id: string, fileId: string, reading: ProofReading): Promise<Claim | null> {
    return this.storage.commits.atomically(async () => {
      const claim = await this.storage.claims.getForUpdate(id);
      const file = claim?.proof.files.find((f) => f.id === fileId);
      if (!claim || !file || claim.status === 'closed') return null;
      file.reading = reading;
      refreshReceipt(claim);
      return this.store(claim);
    });
  }

  /**
   * The customer confirmed the receipt's date (purchaseDateReceipt): it is the purchase date from
   * now on, in one write with their answer. Their words stay as they said them, so the claim still
   * shows what they said and what the receipt says.
   */
  acceptReceiptDate(id: string, date: string): Promise<Claim> {
    return this.update(id, (c) => {
      c.purchase = { ...c.purchase, date, earliest: null, latest: null, readings: [] };
      if (c.proof.receipt) c.proof.receipt.customerAnswer = 'receipt';
    });
  }

  /**
   * A reading stored after the assistant decided the claim (the decision's wait ran out) that would
   * have decided it otherwise (`claim` as the reading left it; a hand-off checks its status again): a person looks at it (receipt_mismatch), whichever way it goes —
   * the receipt alone never turns a decision into a refusal. Null when there is nothing to look at.
   */
  async reviewLateReading(claim: Claim): Promise<Claim | null> {
    const id = claim.id;
    const decidedByBot = (claim?.status === 'rma_issued' || claim?.status === 'not_covered') && claim.decision.decidedBy === 'bot';
    if (!decidedByBot || !receiptConflict(claim, this.policy.window.days)) return null;
    return this.requestHandoff(id, 'receipt_mismatch');
  }

  /** The customer's answer to "your receipt shows … — which is right?" (purchaseDateReceipt). */
  recordReceiptAnswer(id: string, answer: ReceiptAnswer): Promise<Claim> {
    return this.update(id, (c) => {
      if (c.proof.receipt) c.proof.receipt.customerAnswer = answer;
    });
  }

  recordProblem(id: string, text: string, reading: ConditionsReading): Promise<Claim> {
    return this.update(id, (c) => {
      c.problem = { text: text.trim().slice(0, 2000) };
      mergeConditions(c, reading);
    });
  }

  recordConditions(id: string, reading: ConditionsReading): Promise<Claim> {
    return this.update(id, (c) => {
      mergeConditions(c, reading);
    });
  }

  /**
   * Writes what one message said about the claim (any fact, at any question) and returns the
   * facts that changed: a volunteered fact fills a gap, a correction replaces (applyFacts).
   */
  async recordFacts(id: string, facts: ClaimFacts, mode: ApplyMode): Promise<FactName[]> {
    if (!factNames(facts).length) return [];
    let changed: FactName[] = [];
    const claim = await this.get(id);
    if (!claim) return [];
    // nothing to write: no audit-free save and no claim.updated event for a message that said nothing new
    if (!applyFacts(structuredClone(claim), facts, this.policy, mode).length) return [];
    await this.update(id, (c) => {
      changed = applyFacts(c, facts, this.policy, mode);
    });
    return changed;
  }

  /** The customer ruled these conditions out (a hint's follow-up answered "no"): they are no longer unsure. */
  dismissUnsure(id: string, codes: readonly ExclusionCode[]): Promise<Claim> {
    return this.update(id, (c) => {
      c.conditions.unsure = c.conditions.unsure.filter((code) => !codes.includes(code));
    });
  }

  /** Clears what the customer said was wrong about their conditions answer (they said "no" after all). */
  clearUnsure(id: string): Promise<Claim> {
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
    const claim = (await this.storage.claims.get(id)) ?? fail('CLAIM_NOT_FOUND');
    if (!mayEdit(claim.status, BOT)) fail('CLAIM_TRANSITION_REFUSED', `The assistant does not decide a ${claim.status} claim.`);
    const eligibility = claimEligibility(claim, this.policy.window.days);
    if (eligibility.outcome === 'needs_agent') return { claim, handoffReason: eligibility.handoffReason ?? 'uncertain_condition' };
    const decided = await this.setDecision(id, 'decide', BOT, eligibility.outcome, eligibility.reasons, null);
    await this.events.emit({ type: 'claim.decided', claim: decided });
    return { claim: decided, handoffReason: null };
  }

  private setDecision(
    id: string,
    action: 'decide' | 'resolve',
    by: Actor,
    outcome: Exclude<Outcome, 'needs_agent'>,
    reasons: DecisionReason[],
    note: string | null,
  ): Promise<Claim> {
    return this.transition(id, action, by, STATUS_FOR[outcome], async (c) => {
      // issued only once the lifecycle allowed the decision (a refused one leaves no number behind); another
      // outcome takes back an earlier number (an agent overruling the bot): nobody should ship a box under it
      c.rmaNumber = outcome === 'covered' ? await this.storage.rmaNumbers.issue(id, this.clock.now()) : null;
      c.decision = { ...c.decision, outcome, reasons, decidedBy: by.kind === 'bot' ? 'bot' : 'agent', note };
    });
  }

  /** An agent's resolution: the bot's own decision, if any, is kept in `decision.bot`. */
  async resolveByAgent(
    id: string,
    outcome: Exclude<Outcome, 'needs_agent'>,
    reasons: DecisionReason[],
    note: string | null,
    by: Actor,
  ): Promise<Claim> {
    const claim = await this.setDecision(id, 'resolve', by, outcome, reasons, note);
    await this.events.emit({ type: 'claim.decided', claim });
    return claim;
  }

  /**
   * Puts the claim in the agents' queue with its reason. A decision the bot already made
   * is kept in `decision.bot`; the outcome becomes `needs_agent`.
   */
  async requestHandoff(id: string, reason: HandoffReason): Promise<Claim> {
    const now = this.clock.now().toISOString();
    const claim = await this.transition(id, 'hand_off', BOT, 'pending_agent', (c) => {
      if (c.decision.outcome && c.decision.outcome !== 'needs_agent')
        c.decision.bot = { outcome: c.decision.outcome, reasons: c.decision.reasons };
      c.decision.outcome = 'needs_agent';
      c.decision.reasons = [];
      c.decision.decidedBy = null;
      // a new hand-off: its timers start again (a requeue or a transfer keeps them)
      c.handoff = { ...c.handoff, reason, requestedAt: now, agent: null, acceptedAt: null };
      c.handoff.firstResponseAt = null;
    });
    // what the receipt says goes with the hand-off: the agent sees the evidence (receipt_mismatch above all)
    const proofLines = [receiptLine(claim.proof.receipt), unreadProofLine(claim.proof.files)].filter(Boolean);
    const summary = summarizeClaim(claim, this.policy) + proofLines.map((line) => `\n- ${line}`).join('');
    await this.events.emit({ type: 'handoff.requested', claim, reason, summary });
    return claim;
  }

  /** An agent takes a waiting claim; null when someone else got it first (or it is not waiting). */
  async accept(id: string, by: Actor): Promise<Claim | null> {
    if ((await this.storage.claims.get(id))?.status !== 'pending_agent') return null;
    return this.giveTo(id, 'accept', by);
  }

  /** An admin takes a claim from the queue or from another agent, on the record. */
  takeOver(id: string, by: Actor): Promise<Claim> {
    return this.giveTo(id, 'take_over', by);
  }

  /**
   * The agent who holds the chat (or an admin) hands it to a colleague; the lifecycle checks who
   * may, the caller that the colleague exists, is enabled and is someone else.
   */
  async transfer(id: string, to: string, by: Actor): Promise<{ claim: Claim; from: string | null }> {
    let from: string | null = null;
    // who had it, as the locked claim says (not as the caller read it before)
    const claim = await this.giveTo(id, 'transfer', by, to, (before) => (from = before.handoff.agent));
    return { claim, from };
  }

  private giveTo(
    id: string,
    action: 'accept' | 'take_over' | 'assign' | 'transfer',
    by: Actor,
    agent = by.id,
    seen: (before: Claim) => void = () => {},
  ): Promise<Claim> {
    const now = this.clock.now().toISOString();
    return this.transition(id, action, by, 'with_agent', (c) => {
      seen(c);
      // a chat moved from one agent to another (transfer, an admin's take-over) left the queue when it first did: its waiting time stays
      const leftQueueAt = c.status === 'with_agent' ? c.handoff.acceptedAt : null;
      c.handoff = { ...c.handoff, agent, acceptedAt: now, ...NO_SILENCE };
      if (leftQueueAt) c.handoff.acceptedAt = leftQueueAt;
    });
  }

  /**
   * Stamps the first message an agent types in a chat they hold (`handoff.firstResponseAt`), in the unit
   * of work that records it; set once: later messages, and any after a transfer or a requeue, leave it.
   * Automatic lines (the greeting, "X is taking over", back in the queue) never come here.
   */
  recordFirstResponse(id: string, username: string): Promise<Claim | null> {
    return this.storage.commits.atomically(async () => {
      const claim = (await this.storage.claims.getForUpdate(id)) ?? fail('CLAIM_NOT_FOUND');
      if (claim.status !== 'with_agent' || claim.handoff.agent !== username || claim.handoff.firstResponseAt) return null;
      claim.handoff.firstResponseAt = this.clock.now().toISOString();
      return this.store(claim);
    });
  }

  /**
   * An agent's correction of a fact (src/domain/factCorrection.ts): the agent who has the chat or an admin
   * (lifecycle `mayCorrect`); the status stays, the decision is the agent's to make again.
   */
  correctFact(id: string, by: Actor, apply: (claim: Claim) => void): Promise<Claim> {
    return this.storage.commits.atomically(async () => {
      const claim = (await this.storage.claims.getForUpdate(id)) ?? fail('CLAIM_NOT_FOUND');
      if (!mayCorrect(claim.status, claim.handoff.agent, by)) {
        if (by.kind === 'agent' && claim.status === 'with_agent') fail('NOT_CLAIM_OWNER');
        fail(
          'CLAIM_TRANSITION_REFUSED',
          claim.status === 'pending_agent' || claim.status === 'with_agent'
            ? 'Accept the claim first: its facts are corrected by the agent who has the chat.'
            : `A claim that is ${claim.status.replace(/_/g, ' ')} cannot be corrected: only while a person deals with it.`,
        );
      }
      apply(claim);
      // a corrected date or reading changes whether the receipt agrees
      refreshReceipt(claim);
      return this.store(claim);
    });
  }

  /** The routing timer (AUTO_ASSIGN) gives a waiting claim to an available agent, as if they had accepted it. */
  assign(id: string, username: string): Promise<Claim> {
    return this.giveTo(id, 'assign', systemActor('routing'), username);
  }

  /**
   * The routing timer gives back a claim whose agent went away, or an admin one whose agent they
   * disabled; it keeps its place (its hand-off time). With `heldBy`, only while that agent still holds it.
   */
  requeue(id: string, by: Actor = systemActor('routing'), heldBy?: string): Promise<Claim> {
    return this.transition(id, 'requeue', by, 'pending_agent', (c) => {
      // given back because of who held it: a chat transferred meanwhile stays with its new agent
      if (heldBy !== undefined && c.handoff.agent !== heldBy) fail('CLAIM_TRANSITION_REFUSED', `(requeue: no longer held by ${heldBy})`);
      c.handoff = { ...c.handoff, agent: null, acceptedAt: null, ...NO_SILENCE };
    });
  }

  /**
   * The silence watch stamps a chat an agent has (a reminder sent, the chat ended), as the idle timer.
   * `stamp` decides again on the locked claim and returns false when nothing is due any more (another
   * instance stamped it first, the customer wrote meanwhile): then nothing is written and null returned.
   */
  stampSilence(id: string, stamp: (claim: Claim) => boolean | Promise<boolean>): Promise<Claim | null> {
    return this.storage.commits.atomically(async () => {
      const claim = (await this.storage.claims.getForUpdate(id)) ?? fail('CLAIM_NOT_FOUND');
      if (!mayEdit(claim.status, IDLE) || !(await stamp(claim))) return null;
      if (claim.status !== 'with_agent') throw new Error("stampSilence() may not change a claim's status");
      return this.store(claim);
    });
  }

  /**
   * The customer writes again in a chat ended for their silence: the chat is the agent's again (it takes
   * a seat, even over capacity, as a manual accept). Written in the unit of their message; the claim as
   * it was when the chat was not ended.
   */
  async customerBack(id: string): Promise<Claim> {
    return this.update(
      id,
      (c) => {
        c.handoff.chatEndedAt = null;
      },
      CUSTOMER,
    );
  }

  /** The idle timer closes a claim the customer left unfinished. */
  expire(id: string): Promise<Claim> {
    return this.transition(id, 'expire', systemActor('idle'), 'closed');
  }

  /** The assistant takes the conversation back and resumes the claim where it was (or at the bot's own decision). */
  returnToBot(id: string, by: Actor): Promise<Claim> {
    const resumed = (c: Claim): ClaimStatus =>
      c.decision.bot ? STATUS_FOR[c.decision.bot.outcome as keyof typeof STATUS_FOR] : 'in_progress';
    return this.transition(id, 'return_to_bot', by, resumed, (c) => {
      // the bot's own decision restored is the bot's (the dashboard counts it so); none yet, nobody's
      const bot = c.decision.bot;
      c.decision = { ...c.decision, outcome: bot?.outcome ?? null, reasons: bot?.reasons ?? [], decidedBy: bot ? 'bot' : null };
    });
  }

  /**
   * Ends the case without a decision: by default the bot, because the customer cancelled or
   * started over; the customer withdrawing from the queue; an agent who owns it, or an admin.
   */
  close(id: string, by: Actor = BOT, action: 'cancel' | 'start_over' | 'close' = 'cancel'): Promise<Claim> {
    return this.transition(id, action, by, 'closed');
  }

  recordCallbackEmail(id: string, email: string): Promise<Claim> {
    return this.update(
      id,
      (c) => {
        // the newest address the customer typed is the one we answer at (a corrected typo wins)
        c.handoff.callbackEmail = email;
        c.customer.email = email;
      },
      CUSTOMER,
    );
  }

  /**
   * The customer's own address, given to receive mail (the decision, the conversation): written by
   * the bot on a claim it runs, as the customer's on one a person has; a claim nobody may change
   * any more (closed) is returned as it is.
   */
  recordEmail(id: string, email: string): Promise<Claim> {
    return this.storage.commits.atomically(async () => {
      const claim = (await this.storage.claims.getForUpdate(id)) ?? fail('CLAIM_NOT_FOUND');
      const by = [BOT, CUSTOMER].find((actor) => mayEdit(claim.status, actor));
      if (!by || claim.customer.email === email) return claim;
      return this.updateNow(id, (c) => (c.customer.email = email), by);
    });
  }

  recordCsat(id: string, score: number | null, comment: string | null): Promise<Claim> {
    return this.update(id, (c) => {
      if (score !== null) c.csat.score = score;
      if (comment !== null) c.csat.comment = comment.slice(0, 2000);
    });
  }
}

/** Recomputes `proof.receipt` from the files' readings and the stated date (either may have changed). */
function refreshReceipt(claim: Claim): void {
  if (!claim.proof.files.some((f) => f.reading || f.agentReading)) return;
  claim.proof.receipt = claimReceipt(claim.proof.files, claim.purchase, claim, claim.proof.receipt?.customerAnswer ?? null);
}
