import type { TurnContext } from 'botbuilder';
import {
  type DialogContext,
  type DialogTurnResult,
  DialogTurnStatus,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { findEmailAddress } from '../src/domain/emailAddress';
import { knownAddress } from '../src/mail/customerMail';
import { mailQueuedText } from '../src/mail/mailQueuedText';
import { DialogGroup } from '../src/runtime/dialogGroup';
import type { DialogServices } from './dialogServices';
import { emailQuestion } from './emailQuestion';
import { type Answer, say } from './prompting';

export const TRANSCRIPT_BY_EMAIL_DIALOG = 'transcriptByEmailDialog';
const ASK_ADDRESS = `${TRANSCRIPT_BY_EMAIL_DIALOG}.address`;
const WHAT = 'a copy of our conversation';

/**
 * "Email me this conversation", at any point: sent at once to a known address, otherwise the
 * address is asked for on top of the question the customer was at. When this ends, that question
 * (a prompt) is asked again by botbuilder's own resume, so the claim carries on where it was.
 */
export class TranscriptByEmailDialog extends DialogGroup {
  constructor(private readonly services: DialogServices) {
    super();
    this.add(emailQuestion(ASK_ADDRESS, 'Sure — what email address should I send our conversation to?'));
    this.add(new WaterfallDialog(TRANSCRIPT_BY_EMAIL_DIALOG, [this.askAddress.bind(this), this.send.bind(this)]));
  }

  /**
   * Handles the request (mail is on): sends to the address in the message or the known one and asks
   * the question on screen again, or begins the address question when no address is known.
   */
  static async handle(dc: DialogContext, services: DialogServices): Promise<DialogTurnResult> {
    const claim = await services.claims.current(services.conversationOf(dc.context));
    // "email me this conversation at jane@example.com": that address, the newest the customer gave
    const to = findEmailAddress(dc.context.activity.text ?? '') ?? (claim && knownAddress(claim));
    if (claim && !to) return dc.beginDialog(TRANSCRIPT_BY_EMAIL_DIALOG);
    if (claim && to) await sendTranscript(dc.context, services, to);
    else await dc.context.sendActivity(say('Once we’ve started on your request I can email you our conversation.'));
    if (dc.activeDialog) await dc.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }

  private async askAddress(step: WaterfallStepContext) {
    return step.beginDialog(ASK_ADDRESS);
  }

  private async send(step: WaterfallStepContext) {
    const answer = step.result as Answer<string | null>;
    if (answer.kind === 'understood' && answer.value) await sendTranscript(step.context, this.services, answer.value);
    else await step.context.sendActivity(say('OK, I won’t send it.'));
    return step.endDialog();
  }
}

/** Records the address as the customer's newest and queues the transcript there; says where it went, or why not. */
async function sendTranscript(context: TurnContext, services: DialogServices, to: string): Promise<void> {
  const claim = await services.claims.current(services.conversationOf(context));
  const text =
    claim && services.mail
      ? mailQueuedText(await services.mail.transcript(await services.claims.recordEmail(claim.id, to), to), WHAT)
      : 'OK, I won’t send it.';
  await context.sendActivity(say(text));
}
