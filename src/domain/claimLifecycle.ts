import type { ClaimStatus } from './claim';

/**
 * Who changes a claim. The bot runs claims that no person holds; the customer speaks for
 * themself while they wait for a person; an agent acts on the claims they own; an admin may
 * also take a claim over or close it; `system` is the server's own timers (routing, idle).
 */
export type ActorKind = 'bot' | 'customer' | 'agent' | 'admin' | 'system';

export interface Actor {
  kind: ActorKind;
  /** the agent's username, the timer's name; null for the bot and the customer */
  id: string | null;
}

export const BOT: Actor = { kind: 'bot', id: null };
export const CUSTOMER: Actor = { kind: 'customer', id: null };
export const agentActor = (username: string, role: string): Actor => ({ kind: role === 'admin' ? 'admin' : 'agent', id: username });
export const systemActor = (timer: 'routing' | 'idle'): Actor => ({ kind: 'system', id: timer });

export type ClaimAction =
  | 'decide' // the bot applies the policy
  | 'hand_off' // the bot puts the claim in the agents' queue
  | 'cancel' // the customer withdraws (from the bot, or from the queue)
  | 'start_over' // the customer begins again: the unfinished claim is closed
  | 'accept' // an agent takes a waiting claim
  | 'take_over' // an admin takes a claim from the queue or from another agent
  | 'transfer' // the agent who holds a chat (or an admin) hands it to a colleague
  | 'resolve' // the agent who owns the claim decides it
  | 'return_to_bot' // the agent who owns it gives the conversation back to the assistant
  | 'close' // ends the case without a decision
  | 'assign' // the routing timer gives a waiting claim to an agent (auto-assign)
  | 'requeue' // the routing timer returns an abandoned claim to the queue (its agent went away), or an admin disabling its agent
  | 'expire'; // the idle timer closes a claim the customer left unfinished

/** What the actor must be to the claim: anyone of the kind, or the agent who holds it. */
type Needs = 'any' | 'owner';

interface Rule {
  action: ClaimAction;
  by: ActorKind[];
  from: ClaimStatus[];
  to: ClaimStatus[];
  needs: Needs;
}

const BOT_RUNS: ClaimStatus[] = ['in_progress', 'rma_issued', 'not_covered', 'awaiting_proof'];
const DECIDED: ClaimStatus[] = ['rma_issued', 'not_covered', 'awaiting_proof'];

/**
 * design.md's "claim's life" as data: every transition that exists, who may make it, and from
 * where. Anything not listed is refused. Nothing leaves `closed`.
 */
export const LIFECYCLE: readonly Rule[] = [
  { action: 'decide', by: ['bot'], from: ['in_progress', 'awaiting_proof'], to: DECIDED, needs: 'any' },
  { action: 'hand_off', by: ['bot'], from: BOT_RUNS, to: ['pending_agent'], needs: 'any' },
  { action: 'cancel', by: ['bot'], from: ['in_progress'], to: ['closed'], needs: 'any' },
  { action: 'start_over', by: ['bot'], from: ['in_progress'], to: ['closed'], needs: 'any' },
  // in the waiting room the customer, not the bot, withdraws the request for a person
  { action: 'cancel', by: ['customer'], from: ['pending_agent'], to: ['closed'], needs: 'any' },
  { action: 'accept', by: ['agent', 'admin'], from: ['pending_agent'], to: ['with_agent'], needs: 'any' },
  { action: 'take_over', by: ['admin'], from: ['pending_agent', 'with_agent'], to: ['with_agent'], needs: 'any' },
  // an agent passes on only the chat they hold; an admin may move anyone's
  { action: 'transfer', by: ['agent'], from: ['with_agent'], to: ['with_agent'], needs: 'owner' },
  { action: 'transfer', by: ['admin'], from: ['with_agent'], to: ['with_agent'], needs: 'any' },
  { action: 'resolve', by: ['agent', 'admin'], from: ['with_agent'], to: DECIDED, needs: 'owner' },
  { action: 'return_to_bot', by: ['agent', 'admin'], from: ['with_agent'], to: ['in_progress', ...DECIDED], needs: 'owner' },
  // a waiting claim nobody holds yet may go back to the assistant without greeting the customer first
  { action: 'return_to_bot', by: ['agent', 'admin'], from: ['pending_agent'], to: ['in_progress', ...DECIDED], needs: 'any' },
  // admins too close only what they hold: they take it over first, on the record
  { action: 'close', by: ['agent', 'admin'], from: ['with_agent'], to: ['closed'], needs: 'owner' },
  { action: 'assign', by: ['system'], from: ['pending_agent'], to: ['with_agent'], needs: 'any' },
  { action: 'requeue', by: ['system', 'admin'], from: ['with_agent'], to: ['pending_agent'], needs: 'any' },
  { action: 'expire', by: ['system'], from: ['in_progress'], to: ['closed'], needs: 'any' },
];

export type Refusal = 'no_such_transition' | 'not_owner';
export type Verdict = { ok: true } | { ok: false; refusal: Refusal };

/**
 * Whether `actor` may move a claim from `from` to `to` by `action`; `owner` is the agent who
 * holds the claim (handoff.agent).
 *
 * @example
 * mayTransition({ from: 'with_agent', to: 'closed', action: 'close', actor: { kind: 'agent', id: 'bo' }, owner: 'ana' })
 * // → { ok: false, refusal: 'not_owner' }
 */
export function mayTransition(t: { from: ClaimStatus; to: ClaimStatus; action: ClaimAction; actor: Actor; owner: string | null }): Verdict {
  const rules = LIFECYCLE.filter(
    (r) => r.action === t.action && r.by.includes(t.actor.kind) && r.from.includes(t.from) && r.to.includes(t.to),
  );
  if (rules.length === 0) return { ok: false, refusal: 'no_such_transition' };
  const allowed = rules.some((r) => r.needs === 'any' || (t.owner !== null && t.owner === t.actor.id));
  return allowed ? { ok: true } : { ok: false, refusal: 'not_owner' };
}

/**
 * Whether `actor` may change a claim's facts without changing its status: the bot only on
 * claims it runs (answers, CSAT), the customer only while waiting for or talking to a person
 * (a call-back email, coming back to an ended chat), the idle timer only on a chat an agent has
 * (its silence stamps). A closed claim is never written again.
 */
export function mayEdit(status: ClaimStatus, actor: Actor): boolean {
  if (actor.kind === 'bot') return BOT_RUNS.includes(status);
  if (actor.kind === 'customer') return status === 'pending_agent' || status === 'with_agent';
  if (actor.kind === 'system' && actor.id === 'idle') return status === 'with_agent';
  return false;
}

/**
 * Whether `actor` may correct a claim's facts (an agent's correction, issue 21): the agent who has the
 * chat, or an admin on a claim people deal with (waiting or with an agent) — the corrected facts are
 * for a decision a person then makes (resolve). Never one the assistant is still filling in (its dialog
 * would write over the correction), nor one decided already: nobody could decide it again, and its
 * decision would stand on facts that no longer say so.
 */
export function mayCorrect(status: ClaimStatus, owner: string | null, actor: Actor): boolean {
  if (actor.kind === 'admin') return status === 'pending_agent' || status === 'with_agent';
  return actor.kind === 'agent' && status === 'with_agent' && owner === actor.id;
}
