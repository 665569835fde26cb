import type { Activity } from 'botbuilder';
import { ActivityTypes, InputHints } from 'botbuilder';
import type { CustomerChannel } from '../channels/botFramework/customerChannel';
import type { ClaimEvent } from '../claims/claimEvents';
import { conversationOf } from '../domain/conversationKey';
import type { HandoffReason } from '../domain/eligibility';
import type { ClaimRepository } from '../storage/claimRepository';
import type { AgentPresence } from './agentPresence';
import { noWaitEstimate, type WaitEstimateFor } from './waitEstimates';

const WHY: Record<HandoffReason, string> = {
  customer_request: "Of course — I'm bringing in a member of our support team.",
  customer_upset: "I'm really sorry about the trouble you've had. I'm bringing in a member of our support team right away.",
  ambiguous_purchase_date:
    "The purchase date decides the warranty and I couldn't pin it down, so I'm passing your claim to a colleague who can check it with you.",
  unclear_proof: "I couldn't sort out the proof of purchase, so I'm passing your claim to a colleague who can help with it.",
  uncertain_condition:
    "Since it isn't clear whether one of the excluded conditions applies, I'm passing your claim to a colleague who can look at it with you.",
  repeated_misunderstanding: "I'm sorry, I'm having trouble understanding. I'm bringing in a member of our support team.",
  receipt_mismatch:
    "Since your receipt and the date you gave differ, I'm passing your claim to a colleague who can check the receipt with you.",
};

/**
 * Listener: when a claim is handed off, tell the customer what happens next, send the
 * standard `handoff.initiate` event, and — with nobody online — offer a call-back by email. With
 * someone online the customer hears their place in the queue and, when recent chats allow, the wait.
 */
export function handoffNotices(
  channel: CustomerChannel,
  presence: Pick<AgentPresence, 'anyOnline'>,
  claims: ClaimRepository,
  waitEstimate: WaitEstimateFor = noWaitEstimate,
) {
  return async (event: ClaimEvent): Promise<void> => {
    if (event.type !== 'handoff.requested') return;
    const { claim, reason, summary } = event;
    const activities: Partial<Activity>[] = [
      {
        type: ActivityTypes.Message,
        text: `${WHY[reason]} They'll see everything you've told me, so you won't need to repeat yourself.`,
        inputHint: InputHints.AcceptingInput,
      },
      { type: ActivityTypes.Event, name: 'handoff.initiate', value: { reason, claimId: claim.id, summary } },
    ];
    if (presence.anyOnline()) {
      const position = (await claims.queuePosition(claim.id)) ?? 1;
      const estimate = await waitEstimate(position);
      activities.push({
        type: ActivityTypes.Message,
        text: `You're number ${position} in the queue.${estimate ? ` ${estimate}` : ''} Someone will reply here shortly.`,
        inputHint: InputHints.AcceptingInput,
      });
    } else {
      activities.push({
        type: ActivityTypes.Message,
        text: "Our team isn't online right now, but your claim is saved in their queue. If you'd like us to get back to you, leave your email address here.",
        inputHint: InputHints.ExpectingInput,
        channelData: { prompt: 'email' },
      });
    }
    await channel.deliver(conversationOf(claim), activities);
  };
}
