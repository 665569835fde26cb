import type { TurnContext } from 'botbuilder';
import type { DialogServices } from '../../dialogs/dialogServices';
import type { ProofUploads } from '../attachments/proofUploads';
import type { ClaimService } from '../claims/claimService';
import type { Clock } from '../clock';
import type { CustomerMail } from '../mail/customerMail';
import type { ProofReadings } from '../receipts/proofReadings';
import { conversationKeyOf } from './conversationScope';
import { TIME_ZONE_KEY } from './warrantyBot';

/** The origin of the channel that brought this turn's activity: where its attachments may come from. */
export function serviceUrlOrigin(context: TurnContext): string[] {
  try {
    return [new URL(context.activity.serviceUrl).origin];
  } catch {
    return [];
  }
}

/** What the dialogs get from the product: the claim service, the policy, the clock, uploads and hand-off. */
export function createDialogServices(parts: {
  claims: ClaimService;
  clock: Clock;
  uploads: ProofUploads;
  defaultTimeZone: string;
  allowedAttachmentOrigins?: (context: TurnContext) => string[];
  mail?: CustomerMail;
  readings?: ProofReadings;
}): DialogServices {
  const { claims, clock, uploads, defaultTimeZone } = parts;
  return {
    claims,
    policy: claims.policy,
    clock,
    uploads,
    mail: parts.mail,
    readings: parts.readings,
    conversationOf: conversationKeyOf,
    timeZoneOf: (context) => (context.turnState.get(TIME_ZONE_KEY) as string | undefined) ?? defaultTimeZone,
    allowedAttachmentOrigins: parts.allowedAttachmentOrigins ?? serviceUrlOrigin,
    handOff: async (_context, claim, reason) => {
      await claims.requestHandoff(claim.id, reason);
    },
  };
}
