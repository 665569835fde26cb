import type { TurnContext } from 'botbuilder';
import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Claim } from '../src/domain/claim';
import { knownAddress } from '../src/mail/customerMail';
import { mailQueuedText } from '../src/mail/mailQueuedText';
import { DialogGroup } from '../src/runtime/dialogGroup';
import type { DialogServices } from './dialogServices';
import { emailQuestion } from './emailQuestion';
import { type Answer, say } from './prompting';

export const EMAIL_OFFER_DIALOG = 'emailOfferDialog';
const ASK_ADDRESS = `${EMAIL_OFFER_DIALOG}.address`;
const DECISIONS = ['covered', 'not_covered', 'awaiting_proof'];

/**
 * Right after the assistant's decision: a known address gets the decision mail; otherwise the
 * customer is offered it (`prompt: "email"`), and declining is fine. Without mail, nothing.
 */
export class EmailOfferDialog extends DialogGroup {
  constructor(private readonly services: DialogServices) {
    super();
    this.add(emailQuestion(ASK_ADDRESS, 'Would you like a copy of this by email? Type your email address, or say "no thanks".'));
    this.add(new WaterfallDialog(EMAIL_OFFER_DIALOG, [this.offer.bind(this), this.send.bind(this)]));
  }

  /** Sends to a known address at once, or asks for one. */
  private async offer(step: WaterfallStepContext) {
    const claim = await this.decidedClaim(step);
    if (!claim || !this.services.mail) return step.endDialog();
    if (knownAddress(claim)) {
      await sendDecisionMail(step.context, this.services, claim);
      return step.endDialog();
    }
    return step.beginDialog(ASK_ADDRESS);
  }

  private async send(step: WaterfallStepContext) {
    const answer = step.result as Answer<string | null>;
    const claim = await this.decidedClaim(step);
    if (answer.kind !== 'understood' || !answer.value || !claim || !this.services.mail) {
      await step.context.sendActivity(say('No problem.'));
      return step.endDialog();
    }
    const updated = await this.services.claims.recordEmail(claim.id, answer.value);
    await sendDecisionMail(step.context, this.services, updated, answer.value);
    return step.endDialog();
  }

  private async decidedClaim(step: WaterfallStepContext): Promise<Claim | null> {
    const { claimId } = step.options as { claimId: string };
    const claim = await this.services.claims.get(claimId);
    return claim && DECISIONS.includes(claim.decision.outcome ?? '') ? claim : null;
  }
}

/** Queues the decision mail (to `to`, or the claim's known address) and tells the customer where it went or why not. */
export async function sendDecisionMail(context: TurnContext, services: DialogServices, claim: Claim, to?: string): Promise<void> {
  if (!services.mail) return;
  const result = await services.mail.decision(claim, to ?? knownAddress(claim));
  await context.sendActivity(say(mailQueuedText(result, 'the details of your claim')));
}
