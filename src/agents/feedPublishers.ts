import type { TurnContext } from 'botbuilder';
import type { ClaimEvent } from '../claims/claimEvents';
import type { Clock } from '../clock';
import type { Claim } from '../domain/claim';
import type { AgentFeed } from './agentFeed';

/** Runs a callback once what was written before it is committed (never, if the commit fails). */
export type AfterCommit = (callback: () => void) => void;

/** Agents, like customers, see a claim's change once it is committed. */
export function publishClaimChanges(feed: Pick<AgentFeed, 'publish'>, afterCommit: AfterCommit) {
  return (event: ClaimEvent): void => {
    if (event.type === 'claim.updated' || event.type === 'claim.decided' || event.type === 'handoff.requested')
      afterCommit(() => feed.publish({ type: 'claim.updated', claim: event.claim }));
  };
}

/** What a waiting or handed-off customer sends (a message, typing), as the agents' feed shows it. */
export function publishCustomerActivity(feed: Pick<AgentFeed, 'publish'>, afterCommit: AfterCommit, clock: Clock) {
  return (claim: Claim, context: TurnContext): void => {
    const activity = context.activity;
    if (activity.type === 'typing') {
      afterCommit(() => feed.publish({ type: 'customer.typing', claimId: claim.id }));
      return;
    }
    const message = {
      type: 'customer.message',
      claimId: claim.id,
      conversationId: claim.conversationId,
      text: activity.text ?? null,
      attachments: (activity.attachments ?? []).map((a) => ({ name: a.name })),
      timestamp: clock.now().toISOString(),
    } as const;
    afterCommit(() => feed.publish(message));
  };
}
