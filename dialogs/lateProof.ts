import type { TurnContext } from 'botbuilder';
import type { Claim } from '../src/domain/claim';
import { knownAddress } from '../src/mail/customerMail';
import type { DialogServices } from './dialogServices';
import { sendDecisionMail } from './emailOfferDialog';
import { say } from './prompting';
import { receiveProofFile } from './proofOfPurchaseDialog';
import { decideClaim } from './warrantyClaimDialog';

const UNUSABLE_FILE =
  'I couldn’t use that file — please send a photo, screenshot or PDF (JPEG, PNG, HEIC or PDF, up to 10 MB) of your proof of purchase.';

/**
 * A file sent for a claim that waits for its proof of purchase, while no question asks for
 * it: the proof dialog's upload step takes it, then the claim is decided and explained as at
 * the end of the claim dialog — in one message, since the customer asked nothing. The
 * conversation's questions are left where they were.
 */
export async function acceptLateProof(context: TurnContext, services: DialogServices, claim: Claim): Promise<void> {
  const received = await receiveProofFile(services, context, claim.id);
  if (!received.ok) {
    await context.sendActivity(say(UNUSABLE_FILE));
    return;
  }
  const decision = await decideClaim(services, claim.id);
  if ('handoffReason' in decision) return services.handOff(context, decision.claim, decision.handoffReason);
  await context.sendActivity(say(`Thanks, I've got "${received.file.name}".\n\n${decision.explanation}`));
  // the customer left an address earlier (the proof was missing then): the decision goes there too
  if (knownAddress(decision.claim)) await sendDecisionMail(context, services, decision.claim);
}
