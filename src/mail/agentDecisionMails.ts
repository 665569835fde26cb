import type { ClaimEvent } from '../claims/claimEvents';
import { type CustomerMail, knownAddress } from './customerMail';

/**
 * Listener: an agent's decision (an RMA issued after a hand-off, a refusal, proof still needed)
 * is mailed to the customer when their address is known — they may well have left the chat while
 * waiting. The assistant's own decisions are mailed by the dialogs, which tell the customer so.
 */
export function agentDecisionMails(mail: CustomerMail, onRefused: (claimId: string, why: string) => void) {
  return async (event: ClaimEvent): Promise<void> => {
    if (event.type !== 'claim.decided' || event.claim.decision.decidedBy !== 'agent' || !knownAddress(event.claim)) return;
    // the agent's decision: not counted against what anonymous chats may send
    const result = await mail.decision(event.claim, knownAddress(event.claim), `agent:${event.claim.handoff.agent ?? 'unknown'}`);
    if (!result.queued) onRefused(event.claim.id, result.why);
  };
}
