import { ActivityTypes, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  type DialogContext,
  DialogSet,
  type DialogTurnResult,
  DialogTurnStatus,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Claim } from '../src/domain/claim';
import { BOT } from '../src/domain/claimLifecycle';
import type { HandoffReason } from '../src/domain/eligibility';
import { detectIntent, type Intent, isClearlyUpset } from '../src/domain/intents';
import { asksForTranscript } from '../src/domain/transcriptRequest';
import { dialogsFingerprint } from '../src/runtime/dialogsFingerprint';
import { QUESTION_ON_SCREEN, QuestionDialog, type QuestionOnScreen } from '../src/runtime/questionDialog';
import { ReusedStateConfiguration } from '../src/runtime/reusedStateConfiguration';
import { shareDialogsComponentRegistration } from '../src/runtime/sharedDialogsRegistration';
import { CSAT_DIALOG, CsatDialog } from './csatDialog';
import type { DialogServices } from './dialogServices';
import { EMAIL_OFFER_DIALOG, EmailOfferDialog } from './emailOfferDialog';
import { type Answer, ask, isPromptName, type PromptName, say } from './prompting';
import { TranscriptByEmailDialog } from './transcriptByEmailDialog';
import { keepVolunteeredFacts } from './volunteeredFacts';
import { type ClaimOptions, type ClaimResult, WARRANTY_CLAIM_DIALOG, WarrantyClaimDialog } from './warrantyClaimDialog';

export const MAIN_DIALOG = 'mainDialog';
const STEPS = `${MAIN_DIALOG}.steps`;
const MENU = `${MAIN_DIALOG}.menu`;
const MENU_CHOICES = ['Start a warranty claim', 'Check my warranty', 'Returns', 'Talk to a person'];
const ANYTHING_ELSE = 'Is there anything else I can help you with — a warranty claim, your warranty status or a return?';
/**
 * Bump when what a dialog keeps in its saved state changes meaning without its steps changing (a
 * renamed step value, a question that stores its answer differently): instances of the previous
 * release then resume such a conversation at its question instead of misreading its stack.
 */
const DIALOG_STATE_VERSION = 1;
type MenuIntent = Extract<Intent, { kind: 'start_claim' | 'check_warranty' | 'returns' | 'human' }>;

/**
 * The saved dialog state: botbuilder's stack, the fingerprint of the dialogs that wrote it, and the
 * prompt name of the question it waits on — names are the contract's, the same in every release,
 * so another release can ask that question again and take the next message as its answer.
 */
interface SavedDialogs {
  dialogStack?: SavedDialog[];
  writtenBy?: string;
  waitingFor?: string;
}
interface SavedDialog {
  id: string;
  version?: string;
  state?: { dialogs?: { dialogStack?: SavedDialog[] } };
}

export interface MainOptions {
  /** The customer's first message when the conversation starts with it (no conversationUpdate greeting). */
  opening?: string;
  /** Greet again ("anything else?") rather than introduce ourselves. */
  again?: boolean;
  /** Go straight into the claim ("start over", or back from an agent). */
  startClaim?: boolean;
  /** Only ask how we did, for a claim an agent has just decided. */
  csatFor?: string;
  /** With startClaim: the claim question another release was waiting on (ClaimOptions.resumeAt). */
  resumeAt?: PromptName;
}

/**
 * Greets, offers what the assistant can do, and routes. Cross-cutting commands — a person,
 * cancel, start over, policy questions, a clearly upset customer — are handled here before
 * any step logic, so every question supports them and no claim is lost.
 */
export class MainDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(MAIN_DIALOG);
    shareDialogsComponentRegistration();
    this.addDialog(
      new QuestionDialog<MenuIntent, MainOptions>({
        id: MENU,
        prompt: 'menu',
        question: (options) =>
          ask(
            'menu',
            options?.again
              ? ANYTHING_ELSE
              : `Hi! I'm the ${services.policy.brand} support assistant. I can start a warranty claim for a camera or recorder that isn't working, check whether your product is still under warranty, or point you to returns. What can I do for you?`,
            MENU_CHOICES,
          ),
        understand: (activity) => {
          const intent = detectIntent(activity.text ?? '', services.policy);
          if (intent.kind === 'start_claim' || intent.kind === 'check_warranty' || intent.kind === 'returns' || intent.kind === 'human') {
            return { ok: true, value: intent };
          }
          return { ok: false, failure: 'unclear' };
        },
        rephrase: (attempt) =>
          ask(
            'menu',
            attempt === 1
              ? `Sorry, I didn’t get that. Is something wrong with a ${services.policy.brand} product (a warranty claim), or is it about a return? You can also ask for a person.`
              : 'Please pick one of these, or tell me in a few words what happened to your camera or recorder.',
            MENU_CHOICES,
          ),
      }),
    );
    for (const group of [
      new WarrantyClaimDialog(services),
      new CsatDialog(services),
      new EmailOfferDialog(services),
      new TranscriptByEmailDialog(services),
    ])
      for (const dialog of group.dialogs) this.addDialog(dialog);
    this.addDialog(
      new WaterfallDialog(STEPS, [this.offerMenu.bind(this), this.route.bind(this), this.offerEmail.bind(this), this.askCsat.bind(this)]),
    );
    this.initialDialogId = STEPS;
  }

  /** Runs one turn: continue the conversation where it is, or start it. */
  async run(context: TurnContext, accessor: StatePropertyAccessor, options: MainOptions = {}): Promise<void> {
    const dc = await this.contextOf(context, accessor);
    // DialogContext.continueDialog first sends an "activityReceived" event from the innermost
    // dialog up to the root, building a second context of this dialog just to find it. None of
    // our dialogs listens for events, so the turn goes straight to this dialog.
    const result = dc.activeDialog?.id === this.id ? await this.continueDialog(dc) : await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id, options);
    this.stateConfiguration.keep(context);
    const saved = (await accessor.get(context, { dialogStack: [] })) as SavedDialogs;
    saved.writtenBy = this.fingerprint;
    saved.waitingFor = this.questionWaitingIn(saved);
  }

  /**
   * Continues a conversation whose saved stack another release wrote (see savedByOtherVersion).
   * The stack is dropped and the conversation begun again where it stood, at the question the old
   * stack waited on, without asking it: the customer has it on screen, and this turn's message —
   * read next by `run`, as any answer — answers it. The claim's earlier answers are in the claim,
   * so the claim dialog skips to that question. Why not re-read the message as an opening: only the
   * question knows what "yes", "none of these", a file or "the first one" answer.
   * Returns false when these dialogs begin another question first (the conversation waited on
   * something they cannot resume, or on nothing): that one is then not asked yet — see askAgain.
   */
  async resumeOtherVersion(
    context: TurnContext,
    accessor: StatePropertyAccessor,
    claim: Pick<Claim, 'id' | 'status' | 'csat'> | null,
  ): Promise<boolean> {
    const waitingFor = this.savedWaitingFor((await accessor.get(context, { dialogStack: [] })) as SavedDialogs);
    await accessor.delete(context);
    const onScreen: QuestionOnScreen = {};
    context.turnState.set(QUESTION_ON_SCREEN, onScreen);
    try {
      await this.run(context, accessor, resumeOptions(waitingFor, claim));
    } finally {
      context.turnState.delete(QUESTION_ON_SCREEN);
    }
    return onScreen.prompt !== undefined && onScreen.prompt === waitingFor;
  }

  /** Asks the question the conversation waits on (one begun but not asked by resumeOtherVersion). */
  async askAgain(context: TurnContext, accessor: StatePropertyAccessor): Promise<void> {
    const dc = await this.contextOf(context, accessor);
    await dc.repromptDialog();
  }

  /**
   * The question a saved stack waits on. A stack saved without `waitingFor` (by a release before it
   * was kept) is read by the id of its innermost dialog, when these dialogs have one of that id.
   */
  private savedWaitingFor(saved: SavedDialogs): PromptName | undefined {
    if (isPromptName(saved.waitingFor)) return saved.waitingFor;
    return this.questionWaitingIn(saved);
  }

  /** The prompt name of the innermost dialog of a saved stack, when it is one of our questions. */
  private questionWaitingIn(saved: SavedDialogs): PromptName | undefined {
    let stack = saved.dialogStack;
    let innermost: SavedDialog | undefined;
    while (stack?.length) {
      innermost = stack[stack.length - 1];
      stack = innermost?.state?.dialogs?.dialogStack;
    }
    if (typeof innermost?.id !== 'string') return undefined;
    const dialog = this.findDialog(innermost.id);
    return dialog instanceof QuestionDialog && isPromptName(dialog.prompt) ? dialog.prompt : undefined;
  }

  /** Which dialogs wrote a saved stack (see savedByOtherVersion). */
  private get fingerprint(): string {
    this.fingerprintMemo ??= dialogsFingerprint(this, DIALOG_STATE_VERSION);
    return this.fingerprintMemo;
  }
  private fingerprintMemo: string | undefined;

  /** botbuilder-dialogs' memory-scope configuration, built once (src/runtime/reusedStateConfiguration.ts). */
  private readonly stateConfiguration = new ReusedStateConfiguration();

  /** The turn's dialog context, with this dialog at its root. */
  private async contextOf(context: TurnContext, accessor: StatePropertyAccessor): Promise<DialogContext> {
    this.stateConfiguration.lend(context);
    const dialogs = new DialogSet(accessor);
    dialogs.add(this);
    return dialogs.createContext(context);
  }

  /**
   * Whether the saved dialog stack was written by another version of these dialogs (a
   * deploy changed them mid-conversation): its steps and questions no longer line up, so it
   * must not be continued.
   */
  async savedByOtherVersion(context: TurnContext, accessor: StatePropertyAccessor): Promise<boolean> {
    const state = (await accessor.get(context, { dialogStack: [] })) as SavedDialogs;
    const root = state.dialogStack?.[0];
    if (!root) return false;
    if (state.writtenBy !== undefined) return state.writtenBy !== this.fingerprint;
    // saved before stacks carried a fingerprint: botbuilder's own version (ids and step counts) decides
    return root.id !== this.id || (root.version !== undefined && root.version !== this.getInternalVersion());
  }

  /**
   * What the question waiting for the customer's answer asks for (its prompt name, e.g.
   * `proofUpload`), `'other'` when a dialog that is not a question waits, or undefined when
   * the conversation is at rest.
   */
  async activeQuestion(context: TurnContext, accessor: StatePropertyAccessor): Promise<PromptName | 'other' | undefined> {
    let dc: DialogContext | undefined = await this.contextOf(context, accessor);
    let innermost: DialogContext | undefined;
    while (dc?.activeDialog) {
      innermost = dc;
      dc = dc.child;
    }
    if (!innermost?.activeDialog) return undefined;
    const dialog = innermost.findDialog(innermost.activeDialog.id);
    return dialog instanceof QuestionDialog ? (dialog.prompt as PromptName) : 'other';
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: MainOptions): Promise<DialogTurnResult> {
    const text = options?.opening;
    if (text) {
      const interrupted = await this.interrupt(innerDc, text, true);
      if (interrupted) return interrupted;
    }
    return super.onBeginDialog(innerDc, options);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const activity = innerDc.context.activity;
    if (activity.type === ActivityTypes.Message && activity.text) {
      const interrupted =
        (await this.interrupt(innerDc, activity.text, false)) ?? (await keepVolunteeredFacts(innerDc, this.services, activity.text));
      if (interrupted) return interrupted;
    }
    return super.onContinueDialog(innerDc);
  }

  /** Commands that work at every step. Returns a result when the message was one of them. */
  private async interrupt(dc: DialogContext, text: string, atStart: boolean): Promise<DialogTurnResult | undefined> {
    if (isClearlyUpset(text)) return this.handOff(dc, 'customer_upset', text);
    const intent = detectIntent(text, this.services.policy);
    // "email me this conversation" — after "a person" (forwarding the chat to one is a hand-off), and only with mail
    if (!atStart && intent.kind !== 'human' && this.services.mail && asksForTranscript(text))
      return TranscriptByEmailDialog.handle(dc, this.services);
    switch (intent.kind) {
      case 'human':
        return this.handOff(dc, 'customer_request', text);
      case 'cancel': {
        // "never mind" to "which address?" declines the mail, not the claim
        if (atStart || this.asksForEmail(dc)) return undefined;
        const claim = await this.services.claims.current(this.services.conversationOf(dc.context));
        if (claim?.status === 'in_progress') await this.services.claims.close(claim.id);
        await dc.context.sendActivity(say(claim?.status === 'in_progress' ? "OK, I've cancelled that claim." : 'OK.'));
        await dc.cancelAllDialogs();
        return dc.beginDialog(STEPS, { again: true } satisfies MainOptions);
      }
      case 'start_over': {
        if (atStart) return undefined;
        const claim = await this.services.claims.current(this.services.conversationOf(dc.context));
        if (claim?.status === 'in_progress') await this.services.claims.close(claim.id, BOT, 'start_over');
        await this.services.claims.open(this.services.conversationOf(dc.context), this.services.timeZoneOf(dc.context));
        await dc.context.sendActivity(say("Sure — let's start again from the beginning."));
        await dc.cancelAllDialogs();
        return dc.beginDialog(STEPS, { startClaim: true } satisfies MainOptions);
      }
      case 'policy_question':
        if (atStart) return undefined;
        await dc.context.sendActivity(say(intent.answer));
        // at the menu, a short "anything else?" rather than the whole greeting again
        if (dc.activeDialog?.id === MENU) await dc.context.sendActivity(ask('menu', ANYTHING_ELSE, MENU_CHOICES));
        else await dc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'returns':
        if (atStart || !dc.activeDialog) return undefined;
        await dc.context.sendActivity(say(`${this.returnsAnswer()} Let's carry on with your claim for now.`));
        await dc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      default:
        return undefined;
    }
  }

  /** Whether the question waiting is for an email address. */
  private asksForEmail(dc: DialogContext): boolean {
    const dialog = dc.activeDialog && dc.findDialog(dc.activeDialog.id);
    return dialog instanceof QuestionDialog && dialog.prompt === 'email';
  }

  private async handOff(dc: DialogContext, reason: HandoffReason, _text: string): Promise<DialogTurnResult> {
    const conversation = this.services.conversationOf(dc.context);
    const current = await this.services.claims.current(conversation);
    const claim =
      current && current.status !== 'closed'
        ? current
        : await this.services.claims.open(conversation, this.services.timeZoneOf(dc.context));
    await this.services.handOff(dc.context, claim, reason);
    await dc.cancelAllDialogs();
    return { status: DialogTurnStatus.complete };
  }

  private returnsAnswer(): string {
    const returns =
      this.services.policy.faq.find((f) => f.id === 'returns')?.answer ?? 'Returns are a different process from warranty claims.';
    return `${returns} Returns page: ${this.services.policy.links.returns}`;
  }

  /** Asks: what can I do for you? (skipped when the first message already said it) */
  private async offerMenu(step: WaterfallStepContext) {
    const options = (step.options ?? {}) as MainOptions;
    if (options.csatFor) return step.beginDialog(CSAT_DIALOG, { claimId: options.csatFor });
    if (options.startClaim) return step.next({ kind: 'understood', value: { kind: 'start_claim' }, text: '' } satisfies Answer<MenuIntent>);
    if (options.opening) {
      const intent = detectIntent(options.opening, this.services.policy);
      if (intent.kind === 'start_claim' || intent.kind === 'check_warranty' || intent.kind === 'returns') {
        return step.next({ kind: 'understood', value: intent, text: options.opening } satisfies Answer<MenuIntent>);
      }
      if (intent.kind === 'policy_question') {
        await step.context.sendActivity(say(intent.answer));
        return step.beginDialog(MENU, { again: true } satisfies MainOptions);
      }
    }
    return step.beginDialog(MENU, options);
  }

  private async route(step: WaterfallStepContext) {
    const answer = step.result as Answer<MenuIntent> | undefined;
    if (!answer || (step.options as MainOptions).csatFor) return step.endDialog();
    if (answer.kind === 'gave_up') return this.handOff(step, 'repeated_misunderstanding', answer.text);
    switch (answer.value.kind) {
      case 'returns':
        await step.context.sendActivity(say(this.returnsAnswer()));
        return step.replaceDialog(STEPS, { again: true } satisfies MainOptions);
      case 'human':
        return this.handOff(step, 'customer_request', answer.text);
      default:
        return step.beginDialog(WARRANTY_CLAIM_DIALOG, {
          opening: answer.text || undefined,
          checkOnly: answer.value.kind === 'check_warranty',
          resumeAt: (step.options as MainOptions).resumeAt,
        } satisfies ClaimOptions);
    }
  }

  /** Emails the decision, or offers to — after the claim was decided. */
  private async offerEmail(step: WaterfallStepContext) {
    const result = step.result as ClaimResult | undefined;
    (step.values as { claimResult?: ClaimResult }).claimResult = result;
    if (result?.decided) return step.beginDialog(EMAIL_OFFER_DIALOG, { claimId: result.claimId });
    return step.next(result);
  }

  /** Asks: how did we do? — after the claim was decided. */
  private async askCsat(step: WaterfallStepContext) {
    const result = (step.values as { claimResult?: ClaimResult }).claimResult;
    if (result?.decided) return step.beginDialog(CSAT_DIALOG, { claimId: result.claimId });
    return step.endDialog();
  }
}

/**
 * Where a conversation another release was serving begins again: a claim in progress at its
 * question, a rating still to give at the rating, anything else at the menu.
 */
function resumeOptions(waitingFor: PromptName | undefined, claim: Pick<Claim, 'id' | 'status' | 'csat'> | null): MainOptions {
  if (claim?.status === 'in_progress') return { startClaim: true, resumeAt: waitingFor };
  if (waitingFor === 'csat' && claim && claim.csat.score === null) return { csatFor: claim.id };
  return { again: true };
}
