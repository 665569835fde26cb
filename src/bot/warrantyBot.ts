import { type Activity, ActivityTypes, type ConversationState, InputHints, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { DialogServices } from '../../dialogs/dialogServices';
import { acceptLateProof } from '../../dialogs/lateProof';
import { MainDialog } from '../../dialogs/mainDialog';
import type { BotFrameworkCustomerChannel } from '../channels/botFramework/customerChannel';
import type { ClaimService } from '../claims/claimService';
import { type Claim, isWithPeople, waitsForProof } from '../domain/claim';
import { customerTimeZone } from '../domain/customerTimeZone';
import type { WaitingRoom } from '../handoff/waitingRoom';
import { conversationKeyOf } from './conversationScope';

export const TIME_ZONE_KEY = Symbol('customerTimeZone');

export interface BotDependencies {
  conversationState: ConversationState;
  services: DialogServices;
  claims: ClaimService;
  waitingRoom: WaitingRoom;
  channel: BotFrameworkCustomerChannel;
  defaultTimeZone: string;
}

/**
 * Turn handling: decides who answers a message — the waiting room while a person owns the
 * case, the proof dialog's upload for a claim waiting for its receipt, otherwise the dialogs.
 */
export class WarrantyBot {
  private readonly dialogState: StatePropertyAccessor;
  /** Whether the customer was told the assistant was updated mid-conversation (said once: see carryAcrossReleases). */
  private readonly toldOfUpdate: StatePropertyAccessor<boolean>;
  private readonly mainDialog: MainDialog;

  constructor(private readonly deps: BotDependencies) {
    this.dialogState = deps.conversationState.createProperty('dialogState');
    this.toldOfUpdate = deps.conversationState.createProperty('toldOfUpdate');
    this.mainDialog = new MainDialog(deps.services);
  }

  async onTurn(context: TurnContext): Promise<void> {
    await this.deps.channel.withTurn(context, async () => {
      const activity = context.activity;
      const claim = await this.deps.claims.current(conversationKeyOf(context));
      context.turnState.set(
        TIME_ZONE_KEY,
        customerTimeZone(
          {
            localTimezone: activity.localTimezone,
            localTimestamp: (activity as Activity & { rawLocalTimestamp?: string }).rawLocalTimestamp ?? activity.localTimestamp,
          },
          claim?.timeZone ?? this.deps.defaultTimeZone,
        ),
      );
      if (activity.type === ActivityTypes.ConversationUpdate) await this.onConversationUpdate(context, claim);
      else if (activity.type === ActivityTypes.Message) await this.onMessage(context, claim);
      else if (activity.type === ActivityTypes.Typing && isWithPeople(claim) && claim) this.deps.waitingRoom.customerTyping(claim, context);
      await this.deps.conversationState.saveChanges(context);
    });
  }

  /**
   * A turn the bot starts itself (an agent handed the customer back, or decided the claim):
   * `resume` picks the claim up at its next open question, `csat` asks how we did.
   */
  async proactive(context: TurnContext, action: { kind: 'resume' } | { kind: 'csat'; claimId: string }): Promise<void> {
    await this.deps.channel.withTurn(context, async () => {
      const claim = await this.deps.claims.current(conversationKeyOf(context));
      context.turnState.set(TIME_ZONE_KEY, claim?.timeZone ?? this.deps.defaultTimeZone);
      if (action.kind === 'resume') {
        await this.startAgain(context, claim, {
          unfinished: `You're back with the ${this.deps.services.policy.brand} assistant — let's pick up where we left off.`,
          otherwise: `You're back with the ${this.deps.services.policy.brand} assistant.`,
        });
      } else {
        await this.dialogState.delete(context);
        await this.mainDialog.run(context, this.dialogState, { csatFor: action.claimId });
      }
      await this.deps.conversationState.saveChanges(context, true);
    });
  }

  /** Forgets the dialog stack of a conversation whose turn failed, keeping its claim. */
  async resetDialogs(context: TurnContext): Promise<void> {
    // read afresh: what the failed turn loaded or saved may have been rolled back with it
    await this.deps.conversationState.load(context, true);
    await this.dialogState.delete(context);
    await this.deps.conversationState.saveChanges(context, true);
  }

  private async onConversationUpdate(context: TurnContext, claim: Claim | null): Promise<void> {
    const botId = context.activity.recipient?.id;
    const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== botId);
    if (!joined || (await this.mainDialog.activeQuestion(context, this.dialogState))) return;
    if (claim) return; // a reconnect, not a new conversation
    await this.mainDialog.run(context, this.dialogState);
  }

  private async onMessage(context: TurnContext, claim: Claim | null): Promise<void> {
    const activity = context.activity;
    if (isWithPeople(claim) && claim) return this.deps.waitingRoom.handle(context, claim);
    // a file for a claim that waits for it finishes the claim, unless a question asks for that file now
    if (waitsForProof(claim) && activity.attachments?.length) {
      if ((await this.mainDialog.activeQuestion(context, this.dialogState)) !== 'proofUpload')
        return acceptLateProof(context, this.deps.services, claim);
    }
    const text = (activity.text ?? '').slice(0, 5000);
    if (!text.trim() && !activity.attachments?.length) return;
    if (claim?.status === 'closed' && (await this.mainDialog.activeQuestion(context, this.dialogState)) !== 'menu') {
      // support closed the claim mid-question: its dialog must not write to it again, so the
      // message starts afresh (a new claim, or the menu) as the customer's first one would
      await this.dialogState.delete(context);
      return this.mainDialog.run(context, this.dialogState, { opening: text });
    }
    // a deploy changed the dialogs mid-conversation: the old stack no longer lines up
    if (await this.mainDialog.savedByOtherVersion(context, this.dialogState)) return this.carryAcrossReleases(context, claim);
    await this.mainDialog.run(context, this.dialogState, { opening: text });
  }

  /**
   * A message that arrives on a stack another release wrote (a rolling deploy: the customer's
   * messages alternate between old and new instances) answers the question that release asked,
   * resumed here. A short word that the assistant was updated is said once per conversation, not
   * on every alternation; when the question cannot be resumed, the customer is told that their
   * answers are saved and asked the claim's next open question.
   */
  private async carryAcrossReleases(context: TurnContext, claim: Claim | null): Promise<void> {
    const told = await this.toldOfUpdate.get(context, false);
    await this.toldOfUpdate.set(context, true);
    if (await this.mainDialog.resumeOtherVersion(context, this.dialogState, claim)) {
      if (!told)
        await context.sendActivity({
          text: 'The assistant was updated while we were talking — nothing you told me is lost.',
          inputHint: InputHints.AcceptingInput,
        });
      return this.mainDialog.run(context, this.dialogState);
    }
    await context.sendActivity({
      text:
        claim?.status === 'in_progress'
          ? 'Sorry — the assistant was updated while we were talking. Your answers so far are saved; let’s continue.'
          : 'Sorry — the assistant was updated while we were talking.',
      inputHint: InputHints.AcceptingInput,
    });
    await this.mainDialog.askAgain(context, this.dialogState);
  }

  /**
   * Drops the dialog stack and starts afresh with a word to the customer: an unfinished claim
   * picks up at its next open question (the claim dialog skips what it knows), otherwise the menu.
   */
  private async startAgain(context: TurnContext, claim: Claim | null, say: { unfinished: string; otherwise: string }): Promise<void> {
    await this.dialogState.delete(context);
    const unfinished = claim?.status === 'in_progress';
    await context.sendActivity({ text: unfinished ? say.unfinished : say.otherwise, inputHint: InputHints.AcceptingInput });
    await this.mainDialog.run(context, this.dialogState, unfinished ? { startClaim: true } : { again: true });
  }
}
