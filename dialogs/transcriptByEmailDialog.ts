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
   * Handles the request: returns undefined when the conversation should simply carry on (said and
   * done), or the result of beginning the address question.
   */
  static async handle(dc: DialogContext, services: DialogServices): Promise<DialogTurnResult> {
    const claim = await services.claims.current(services.conversationOf(dc.context));
    // "email me this conversation at jane@example.com": that address, the newest the customer gave
    const to = findEmailAddress(dc.context.activity.text ?? '') ?? (claim && knownAddress(claim));
    const reply = !services.mail
      ? "Sorry — I can't send email from this chat. You can copy the conversation from this window instead."
      : !claim
        ? 'Once we’ve started on your request I can email you our conversation.'
        : to
          ? await sendTranscript(dc.context, services, to, false)
          : undefined;
    if (reply === undefined) return dc.beginDialog(TRANSCRIPT_BY_EMAIL_DIALOG);
    await dc.context.sendActivity(say(reply));
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

/**
 * Records the address as the customer's and queues the transcript; says what happened, or (with
 * `tell` false) returns it for the caller to say.
 */
async function sendTranscript(context: TurnContext, services: DialogServices, to: string, tell = true): Promise<string> {
  const claim = await services.claims.current(services.conversationOf(context));
  const text =
    claim && services.mail
      ? mailQueuedText(await services.mail.transcript(await services.claims.recordEmail(claim.id, to), to), WHAT)
      : 'OK, I won’t send it.';
  if (tell) await context.sendActivity(say(text));
  return text;
}
