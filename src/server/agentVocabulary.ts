import type { Server } from 'restify';
import type { AgentTokens } from '../agents/agentTokens';
import { CLAIM_STATUSES, type ClaimStatus } from '../domain/claim';
import type { ClaimAction } from '../domain/claimLifecycle';
import { DECISION_REASONS, type DecisionReason, HANDOFF_REASONS, type HandoffReason } from '../domain/eligibility';
import type { Policy } from '../domain/policy';
import type { Logger } from '../logger';
import { SKIP_REASONS, type SkipReason, UNREADABLE_REASONS, type UnreadableReason } from '../receipts/reading';
import { route, sendJson } from './http';
import { requireAgent } from './requireAgent';

/** A code the API uses and the words the console shows for it. */
export interface Term<Code extends string> {
  code: Code;
  label: string;
}

/** The codes and words the agent console needs, so it keeps no copy of the server's lists. */
export interface AgentVocabulary {
  brand: string;
  windowDays: number;
  statuses: Term<ClaimStatus>[];
  handoffReasons: Term<HandoffReason>[];
  /** each with the decision it belongs to: an agent refuses for some, asks for proof for the other */
  decisionReasons: (Term<DecisionReason> & { outcome: 'not_covered' | 'awaiting_proof' })[];
  /** the audit trail's actions */
  actions: Term<ClaimAction>[];
  /** why a proof file was not read by the reader (its reading's `reason`) */
  readingProblems: Term<UnreadableReason | SkipReason>[];
}

// Records keyed by the domain's types: adding a status, reason or action fails to compile until it has words here.
const STATUS_LABELS: Record<ClaimStatus, string> = {
  in_progress: 'in progress',
  rma_issued: 'rma issued',
  not_covered: 'not covered',
  awaiting_proof: 'awaiting proof',
  pending_agent: 'pending agent',
  with_agent: 'with agent',
  closed: 'closed',
};

const HANDOFF_LABELS: Record<HandoffReason, string> = {
  customer_request: 'Asked for a person',
  customer_upset: 'Customer upset',
  ambiguous_purchase_date: 'Purchase date unclear',
  unclear_proof: 'Proof of purchase unclear',
  uncertain_condition: 'Unsure about an excluded condition',
  repeated_misunderstanding: 'Bot kept misunderstanding',
  receipt_mismatch: 'Receipt date differs from the stated date',
};

const DECISION_TERMS = (windowDays: number): Record<DecisionReason, { label: string; outcome: 'not_covered' | 'awaiting_proof' }> => ({
  outside_warranty_period: { label: `Outside the ${windowDays}-day warranty`, outcome: 'not_covered' },
  excluded_condition: { label: 'Excluded condition', outcome: 'not_covered' },
  no_proof_of_purchase: { label: 'No proof of purchase', outcome: 'awaiting_proof' },
});

/** Past tense, as the history reads: "resolved by ana". */
const ACTION_LABELS: Record<ClaimAction, string> = {
  hand_off: 'handed to a person',
  decide: 'decided',
  cancel: 'cancelled',
  start_over: 'started over',
  accept: 'accepted',
  take_over: 'taken over',
  transfer: 'transferred',
  resolve: 'resolved',
  return_to_bot: 'returned to the assistant',
  close: 'closed',
  assign: 'assigned',
  requeue: 'back in the queue',
  expire: 'expired',
};

/** What the agent is told about a proof file the reader did not read: they read it themselves. */
const READING_PROBLEM_LABELS: Record<UnreadableReason | SkipReason, string> = {
  not_found: 'The file is no longer kept',
  empty: 'The file is empty',
  too_big: 'The file is too large to read',
  wrong_type: 'Not a PDF or an image the reader knows',
  too_many_pixels: 'The image is too large to read',
  corrupt: 'The file could not be decoded (damaged, or a kind the reader cannot open)',
  no_text: 'No text could be found on it',
  heic_unsupported: 'HEIC photos of this kind cannot be read here',
  busy: 'The reader was busy',
  timeout: 'Reading took too long',
  closed: 'The reader was stopping',
  crashed: 'The reader failed on this file',
  memory: 'Reading needed too much memory',
};

const terms = <Code extends string>(labels: Record<Code, string>, order: readonly Code[]): Term<Code>[] =>
  order.map((code) => ({ code, label: labels[code] }));

/**
 * The console's words for a policy: the brand and window come from the policy file.
 * @example agentVocabulary(policy).decisionReasons[0] // { code: 'outside_warranty_period', label: 'Outside the 30-day warranty', outcome: 'not_covered' }
 */
export function agentVocabulary(policy: Pick<Policy, 'brand' | 'window'>): AgentVocabulary {
  const decisions = DECISION_TERMS(policy.window.days);
  return {
    brand: policy.brand,
    windowDays: policy.window.days,
    statuses: terms(STATUS_LABELS, CLAIM_STATUSES),
    handoffReasons: terms(HANDOFF_LABELS, HANDOFF_REASONS),
    decisionReasons: DECISION_REASONS.map((code) => ({ code, ...decisions[code] })),
    actions: terms(ACTION_LABELS, Object.keys(ACTION_LABELS) as ClaimAction[]),
    readingProblems: terms(READING_PROBLEM_LABELS, [...UNREADABLE_REASONS, ...SKIP_REASONS]),
  };
}

/** `GET /api/agent/vocabulary`: read once by the console after sign-in. */
export function registerAgentVocabulary(
  server: Server,
  deps: { tokens: AgentTokens; policy: Pick<Policy, 'brand' | 'window'>; logger: Logger },
): void {
  const vocabulary = agentVocabulary(deps.policy);
  server.get(
    '/api/agent/vocabulary',
    route(deps.logger, async (req, res) => {
      await requireAgent(deps.tokens, req);
      sendJson(res, 200, vocabulary);
    }),
  );
}
