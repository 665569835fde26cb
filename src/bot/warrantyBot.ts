import { type Activity, ActivityTypes, type ConversationState, InputHints, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { decisionMessage } from '../../dialogs/decisionMessages';
import type { DialogServices } from '../../dialogs/dialogServices';
import { MainDialog, MENU_PROMPT } from '../../dialogs/mainDialog';
import type { ClaimService } from '../claims/claimService';
import { type Claim, isWithPeople } from '../domain/claim';
import { customerTimeZone } from '../domain/customerTimeZone';
import type { WaitingRoom } from '../handoff/waitingRoom';
import { conversationKeyOf } from './conversationScope';
import type { BotFrameworkCustomerChannel } from './customerChannel';

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
 * case, the late-proof path for a claim waiting for its receipt, otherwise the dialogs.
 */
export class WarrantyBot {
  private readonly dialogState: StatePropertyAccessor;
  private readonly mainDialog: MainDialog;

  constructor(private readonly deps: BotDependencies) {
    this.dialogState = deps.conversationState.createProperty('dialogState');
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
          unfinished: "You're back with the Q-See assistant — let's pick up where we left off.",
          otherwise: "You're back with the Q-See assistant.",
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
    if (!joined || (await MainDialog.activePrompt(context, this.dialogState))) return;
    if (claim) return; // a reconnect, not a new conversation
    await this.mainDialog.run(context, this.dialogState);
  }

  private async onMessage(context: TurnContext, claim: Claim | null): Promise<void> {
    const activity = context.activity;
    if (isWithPeople(claim) && claim) return this.deps.waitingRoom.handle(context, claim);
    if (claim?.status === 'awaiting_proof' && activity.attachments?.length) {
      const active = await MainDialog.activePrompt(context, this.dialogState);
      if (!active?.includes('upload')) return this.acceptLateProof(context, claim.id);
    }
    const text = (activity.text ?? '').slice(0, 5000);
    if (!text.trim() && !activity.attachments?.length) return;
    if (claim?.status === 'closed' && (await MainDialog.activePrompt(context, this.dialogState)) !== MENU_PROMPT) {
      // support closed the claim mid-question: its dialog must not write to it again, so the
      // message starts afresh (a new claim, or the menu) as the customer's first one would
      await this.dialogState.delete(context);
      return this.mainDialog.run(context, this.dialogState, { opening: text });
    }
    if (await this.mainDialog.savedByOtherVersion(context, this.dialogState)) {
      // a deploy changed the dialogs mid-conversation: the old stack no longer lines up
      return this.startAgain(context, claim, {
        unfinished: 'Sorry — the assistant was updated while we were talking. Your answers so far are saved; let’s continue.',
        otherwise: 'Sorry — the assistant was updated while we were talking.',
      });
    }
    await this.mainDialog.run(context, this.dialogState, { opening: text });
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

  /** A receipt that arrives after the claim was left waiting for it finishes the claim. */
  private async acceptLateProof(context: TurnContext, claimId: string): Promise<void> {
    const { services, claims } = this.deps;
    const attachment = context.activity.attachments?.find((a) => a.contentUrl);
    const result = attachment ? await services.uploads.accept(claimId, attachment, services.allowedAttachmentOrigins(context)) : null;
    if (!result?.ok) {
      await context.sendActivity({
        text: 'I couldn’t use that file — please send a photo, screenshot or PDF (JPEG, PNG, HEIC or PDF, up to 10 MB) of your proof of purchase.',
        inputHint: InputHints.AcceptingInput,
      });
      return;
    }
    await claims.attachProof(claimId, result.file);
    const { claim, handoffReason } = await claims.decide(claimId);
    if (handoffReason) return services.handOff(context, claim, handoffReason);
    await context.sendActivity({
      text: `Thanks, I've got "${result.file.name}".\n\n${decisionMessage(claim, services.policy)}`,
      inputHint: InputHints.AcceptingInput,
    });
  }
}
