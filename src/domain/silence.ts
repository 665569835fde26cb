/**
 * Silence in a chat an agent has (issue 20, timers): whose turn it is, and what is due when that
 * person has said nothing for a while. Pure: the silence watch (src/handoff/silenceWatch.ts) reads
 * the transcript and the claim's stamps, asks this, and writes the stamp before it acts — so a
 * restart or a second instance asking again gets `nothing`.
 */

export type SilenceStep = 'remind_customer' | 'end_chat' | 'remind_agent' | 'nothing';

export interface SilenceFacts {
  /** Who typed the chat's last message (the automatic greeting is the agent's; service lines count for nobody). */
  lastWordBy: 'customer' | 'agent' | null;
  /** When the customer's last message was stamped, and the agent's. */
  lastCustomerAt: Date | null;
  lastAgentAt: Date | null;
  /** The claim's stamps (handoff.*): null, or missing on a claim stored before they existed, when none. */
  customerRemindedAt: Date | null;
  chatEndedAt: Date | null;
  agentRemindedAt: Date | null;
}

/** CUSTOMER_SILENT_REMIND_MINUTES, CUSTOMER_SILENT_END_MINUTES, AGENT_SILENT_REMIND_MINUTES in ms; 0 turns one off. */
export interface SilenceLimits {
  customerRemindMs: number;
  customerEndMs: number;
  agentRemindMs: number;
}

/**
 * What the silence watch does now about one chat.
 * - The agent spoke last: after `customerRemindMs` of the customer's silence, one reminder; then
 *   `customerEndMs` after it, the chat ends. With the reminder off, the end counts from the agent's
 *   word; with the end off, the reminder is all.
 * - The customer spoke last: after `agentRemindMs`, the agent is reminded, once per such message.
 * - An ended chat waits for the customer: nothing more until their message clears `chatEndedAt`.
 * A stamp not later than the last word belongs to an earlier silence and does not count. A time in the
 * future (a clock that went back) has not elapsed: nothing is due from it yet.
 *
 * @example
 * silenceStep({ lastWordBy: 'agent', lastAgentAt: new Date('2026-03-02T17:00:00Z'), lastCustomerAt: null,
 *   customerRemindedAt: null, chatEndedAt: null, agentRemindedAt: null },
 *   new Date('2026-03-02T17:05:00Z'), { customerRemindMs: 300_000, customerEndMs: 600_000, agentRemindMs: 180_000 })
 * // → 'remind_customer'
 */
export function silenceStep(facts: SilenceFacts, now: Date, limits: SilenceLimits): SilenceStep {
  if (facts.chatEndedAt) return 'nothing';
  const passed = (since: Date, ms: number) => ms > 0 && now.getTime() - since.getTime() >= ms;
  // a stamp is always written minutes after the word it answers: one at the very instant came before it
  const after = (stamp: Date | null, word: Date) => stamp !== null && stamp.getTime() > word.getTime();

  if (facts.lastWordBy === 'agent' && facts.lastAgentAt) {
    const word = facts.lastAgentAt;
    const reminded = after(facts.customerRemindedAt, word) ? facts.customerRemindedAt : null;
    if (reminded) return passed(reminded, limits.customerEndMs) ? 'end_chat' : 'nothing';
    if (limits.customerRemindMs > 0) return passed(word, limits.customerRemindMs) ? 'remind_customer' : 'nothing';
    return passed(word, limits.customerEndMs) ? 'end_chat' : 'nothing';
  }
  if (facts.lastWordBy === 'customer' && facts.lastCustomerAt) {
    const word = facts.lastCustomerAt;
    if (after(facts.agentRemindedAt, word)) return 'nothing';
    return passed(word, limits.agentRemindMs) ? 'remind_agent' : 'nothing';
  }
  return 'nothing';
}

/** A stored time as a Date, or null when there is none or it cannot be read. */
export function stampOf(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : at;
}
