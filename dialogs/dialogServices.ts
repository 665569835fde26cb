import type { TurnContext } from 'botbuilder';
import type { ProofUploads } from '../src/attachments/proofUploads';
import type { ClaimService } from '../src/claims/claimService';
import type { Clock } from '../src/clock';
import type { Claim } from '../src/domain/claim';
import type { ConversationKey } from '../src/domain/conversationKey';
import type { HandoffReason } from '../src/domain/eligibility';
import type { Policy } from '../src/domain/policy';
import type { CustomerMail } from '../src/mail/customerMail';
import type { ProofReadings } from '../src/receipts/proofReadings';

/** What the dialogs need from the rest of the product; the composition root provides it. */
export interface DialogServices {
  claims: ClaimService;
  policy: Policy;
  clock: Clock;
  uploads: ProofUploads;
  /** The conversation this turn belongs to (the channel's adapter puts it in the turn state). */
  conversationOf(context: TurnContext): ConversationKey;
  /** The customer's timezone for this turn (localTimezone, localTimestamp offset or default). */
  timeZoneOf(context: TurnContext): string;
  /** Origins an attachment of this turn may be downloaded from. */
  allowedAttachmentOrigins(context: TurnContext): string[];
  /** Mail to the customer (the decision, the conversation); absent without SMTP_URL: nothing is offered by email. */
  mail?: CustomerMail;
  /** Reads uploaded proof files off the turn path; absent: nothing is read (the agent reads the files). */
  readings?: ProofReadings;
  /** Hands the claim to a person; listeners tell the customer and the agents. */
  handOff(context: TurnContext, claim: Claim, reason: HandoffReason): Promise<void>;
}
