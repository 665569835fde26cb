import { InputHints, type TurnContext } from 'botbuilder';
import type { Claim } from '../domain/claim';
import type { Policy } from '../domain/policy';
import type { ClaimEvent } from './claimEvents';
import { decisionMessage } from './customerNotices';

export interface DecisionNoticeDeps {
  policy: Policy;
  /** Runs something in the customer's conversation, in turn with the customer's own messages. */
  inConversation(claim: Claim, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  /** How an agent signs what they send (`channelData.agentAuthor`). */
  authorOf(username: string): Promise<{ username: string; name: string }>;
  /** The bot asks the customer how we did. */
  askHowWeDid(context: TurnContext, claimId: string): Promise<void>;
}

/**
 * Listener: an agent's decision is explained to the customer in the agent's name, with the
 * same words the assistant uses for its own, then the assistant asks how we did. (The
 * assistant's own decision is said by the claim dialog, in the turn that made it.)
 */
export function decisionNotices(deps: DecisionNoticeDeps) {
  return async (event: ClaimEvent): Promise<void> => {
    if (event.type !== 'claim.decided' || event.claim.decision.decidedBy !== 'agent') return;
    const { claim } = event;
    const agent = claim.handoff.agent;
    await deps.inConversation(claim, async (context) => {
      await context.sendActivity({
        text: decisionMessage(claim, deps.policy),
        inputHint: InputHints.AcceptingInput,
        channelData: agent ? { agentAuthor: await deps.authorOf(agent) } : undefined,
      });
      await deps.askHowWeDid(context, claim.id);
    });
  };
}
