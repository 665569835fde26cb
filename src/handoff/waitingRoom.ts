import { InputHints, type TurnContext } from 'botbuilder';
import type { ClaimService } from '../claims/claimService';
import type { Claim } from '../domain/claim';
import { CUSTOMER } from '../domain/claimLifecycle';
import { findEmailAddress } from '../domain/emailAddress';
import { plain } from '../domain/text';
import { asksForTranscript } from '../domain/transcriptRequest';
import { type CustomerMail, knownAddress } from '../mail/customerMail';
import { mailQueuedText } from '../mail/mailQueuedText';
import type { ClaimRepository } from '../storage/claimRepository';
import type { AgentPresence } from './agentPresence';
import { noWaitEstimate, type WaitEstimateFor } from './waitEstimates';

/**
 * While a person owns the conversation the bot stays quiet: messages go to the agent.
 * While the customer waits, it says where they stand and takes an email for a call-back.
 */
export class WaitingRoom {
  constructor(
    private readonly claims: ClaimService,
    private readonly repo: ClaimRepository,
    private readonly presence: Pick<AgentPresence, 'anyOnline'>,
    private readonly toAgents: (claim: Claim, context: TurnContext) => void = () => {},
    /** Mail to the customer (SMTP_URL set): the conversation, on request. */
    private readonly mail?: CustomerMail,
    /** The wait, in words, for a place in the queue (none without recent history or anyone online). */
    private readonly waitEstimate: WaitEstimateFor = noWaitEstimate,
  ) {}

  /** The customer is typing: only the agent needs to know. */
  customerTyping(claim: Claim, context: TurnContext): void {
    this.toAgents(claim, context);
  }

  async handle(context: TurnContext, claim: Claim): Promise<void> {
    if (claim.status === 'with_agent') {
      // back in a chat ended for their silence: it is the agent's chat again, in the unit of this message
      const said = Boolean(context.activity.text || context.activity.attachments?.length);
      const current = claim.handoff.chatEndedAt && said ? await this.claims.customerBack(claim.id) : claim;
      this.toAgents(current, context);
      return; // the agent answers; the stream shows them the message
    }
    this.toAgents(claim, context);
    const text = context.activity.text ?? '';
    if (this.mail && asksForTranscript(text)) return this.emailTranscript(this.mail, context, claim, findEmailAddress(text));
    const email = findEmailAddress(text);
    if (email) {
      await this.claims.recordCallbackEmail(claim.id, email);
      await context.sendActivity({
        text: `Thanks — we'll get back to you at ${email}. Your claim is saved; you can close this chat or keep it open.`,
        inputHint: InputHints.AcceptingInput,
      });
      return;
    }
    if (/^(?:cancel|never ?mind|forget it)\b/.test(plain(text))) {
      await this.claims.close(claim.id, CUSTOMER, 'cancel');
      await context.sendActivity({ text: "OK, I've withdrawn your request for a person.", inputHint: InputHints.AcceptingInput });
      return;
    }
    if (!text && !context.activity.attachments?.length) return;
    const position = (await this.repo.queuePosition(claim.id)) ?? 1;
    const estimate = this.presence.anyOnline() ? await this.waitEstimate(position) : null;
    const where = this.presence.anyOnline()
      ? `You're number ${position} in the queue — a member of our team will reply here.${estimate ? ` ${estimate}` : ''}`
      : `Our team will pick up your claim as soon as someone is online (you're number ${position} in the queue).${claim.handoff.callbackEmail ? '' : ' You can leave your email address for a call-back.'}`;
    await context.sendActivity({ text: `I've added that to your claim. ${where}`, inputHint: InputHints.AcceptingInput });
  }

  /** "Email me this conversation" while waiting: to the address in the message, or the one already left. */
  private async emailTranscript(mail: CustomerMail, context: TurnContext, claim: Claim, typed: string | null): Promise<void> {
    const reply = (text: string) => context.sendActivity({ text, inputHint: InputHints.AcceptingInput });
    const to = typed ?? knownAddress(claim);
    if (!to)
      return void (await reply('Sure — send your request with your email address, e.g. "email me this conversation at name@example.com".'));
    const updated = typed ? await this.claims.recordCallbackEmail(claim.id, typed) : claim;
    await reply(mailQueuedText(await mail.transcript(updated, to), 'a copy of our conversation'));
  }
}
