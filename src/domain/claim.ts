import type { DecisionReason, HandoffReason, Outcome } from './eligibility';
import type { ExclusionCode, ProofType } from './policy';
import type { ProductSource } from './products/recognizeProduct';
import type { AgentReading, ClaimReceipt, ProofReading } from './receipts/claimReceipt';

/** Every status a claim can have (design.md, "A claim"); the agent API and console read this list. */
export const CLAIM_STATUSES = [
  'in_progress',
  'rma_issued',
  'not_covered',
  'awaiting_proof',
  'pending_agent',
  'with_agent',
  'closed',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface ProofFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  /** What the proof reader made of it (issue 22); absent until read, and on files from before the reader. */
  reading?: ProofReading;
  /** An agent's own reading of it, which the claim relies on in place of the reader's (a correction). */
  agentReading?: AgentReading;
  /**
   * When its reading began (ISO), on whichever instance took the upload: a decision on any instance
   * waits for a reading under way (readingUnderWay.ts). Absent when nothing reads it (RECEIPT_READER off).
   */
  readingStartedAt?: string;
}

/** A warranty claim as the agent API returns it (design.md, "A claim"). */
export interface Claim {
  id: string;
  conversationId: string;
  /** The channel the conversation came in on (see conversationKey.ts); with the id, it names the conversation. */
  channel?: string;
  status: ClaimStatus;
  rmaNumber: string | null;
  createdAt: string;
  updatedAt: string;
  policyVersion: string;
  /** The customer's timezone when the claim began: the window is counted in it. */
  timeZone: string;
  customer: { name: string | null; email: string | null };
  /**
   * `source`: how the product was known (a catalogue model, a number in the model pattern only, or a
   * description); `family`: the catalogue family of the model. Both absent on claims from before them.
   */
  product: { text: string; model: string | null; source?: ProductSource | null; family?: string | null };
  purchase: { text: string; date: string | null; earliest: string | null; latest: string | null; readings: string[] };
  /** `receipt`: the reading the claim relies on (claimReceipt.ts); absent or null while no file could be read. */
  proof: { type: ProofType | null; files: ProofFile[]; availability: string | null; receipt?: ClaimReceipt | null };
  problem: { text: string };
  conditions: { reported: string[]; exclusions: ExclusionCode[]; unsure: ExclusionCode[] };
  decision: {
    outcome: Outcome | null;
    reasons: DecisionReason[];
    bot: { outcome: Outcome; reasons: DecisionReason[] } | null;
    decidedBy: 'bot' | 'agent' | null;
    note: string | null;
  };
  handoff: {
    reason: HandoffReason | null;
    agent: string | null;
    requestedAt: string | null;
    acceptedAt: string | null;
    /** The first message an agent typed since the hand-off (set once; not the automatic lines); missing on claims stored before it. */
    firstResponseAt?: string | null;
    callbackEmail: string | null;
    /** The silence watch's stamps while an agent has the chat (src/domain/silence.ts); missing on claims stored before them. */
    customerRemindedAt?: string | null;
    /** The customer stayed silent: the chat no longer takes the agent's seat, the claim keeps its status until they write again. */
    chatEndedAt?: string | null;
    agentRemindedAt?: string | null;
  };
  csat: { score: number | null; comment: string | null };
}

/** A fresh claim for a conversation. */
export function newClaim(id: string, conversationId: string, now: Date, policyVersion: string, timeZone: string): Claim {
  const at = now.toISOString();
  return {
    id,
    conversationId,
    status: 'in_progress',
    rmaNumber: null,
    createdAt: at,
    updatedAt: at,
    policyVersion,
    timeZone,
    customer: { name: null, email: null },
    product: { text: '', model: null, source: null, family: null },
    purchase: { text: '', date: null, earliest: null, latest: null, readings: [] },
    proof: { type: null, files: [], availability: null, receipt: null },
    problem: { text: '' },
    conditions: { reported: [], exclusions: [], unsure: [] },
    decision: { outcome: null, reasons: [], bot: null, decidedBy: null, note: null },
    handoff: {
      reason: null,
      agent: null,
      requestedAt: null,
      acceptedAt: null,
      callbackEmail: null,
      customerRemindedAt: null,
      chatEndedAt: null,
      agentRemindedAt: null,
    },
    csat: { score: null, comment: null },
  };
}

/** The claim was decided except for its proof of purchase: a file the customer sends finishes it. */
export const waitsForProof = (claim: Claim | null | undefined): claim is Claim => claim?.status === 'awaiting_proof';

/** Statuses in which a person, not the bot, owns the conversation. */
export const isWithPeople = (claim: Claim | null | undefined): boolean =>
  claim?.status === 'pending_agent' || claim?.status === 'with_agent';

export { findModelNumber } from './modelNumber';
