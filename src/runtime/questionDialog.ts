import type { Activity, TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import {
  type DialogContext,
  type DialogTurnResult,
  Prompt,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator,
} from 'botbuilder-dialogs';

/**
 * Turn-state key: while it holds `{}`, the next question begun is not asked, and its prompt name is
 * noted there. For a conversation that another release was serving: the customer already has that
 * question on screen, and this turn's message is its answer (MainDialog.resumeOtherVersion).
 */
export const QUESTION_ON_SCREEN = Symbol('questionOnScreen');
export type QuestionOnScreen = { prompt?: string };

/** One question: how to ask it, how to understand the answer, how to re-ask more specifically. */
export interface QuestionSpec<T, O = unknown> {
  id: string;
  /** What it asks for (the `channelData.prompt` name of its question). */
  prompt: string;
  question: (options: O, context: TurnContext) => Partial<Activity> | Promise<Partial<Activity>>;
  /** `options` are the options the question dialog was begun with. */
  understand: (activity: Activity, context: TurnContext, options: O) => Promise<Understood<T>> | Understood<T>;
  /** `options` are the options the question was begun with, so a re-ask can repeat what it offered. */
  rephrase: (attempt: number, failure: string, options: O) => Partial<Activity>;
  maxAttempts?: number;
}

/**
 * Patch: a question is a Prompt itself, not Bot Framework's usual component around a waterfall
 * and a TextPrompt. Why: each component level makes botbuilder-dialogs build two more dialog
 * contexts (each with its own memory-state manager) on every turn, and TextPrompt ignores
 * attachment-only messages, which proof uploads are. Measured effect: with the flat dialog
 * groups (dialogGroup.ts), 8.6 → 4.3 dialog contexts per turn (README, "Dialogs"; commit c1884d3:
 * two dialog levels less per turn). It re-asks by setting `retryPrompt` in its validator — the
 * one place the framework lets a validator change the next re-prompt.
 * Obsolete when: TextPrompt accepts attachment-only messages and a component level stops costing
 * dialog contexts — test/runtime/questionDialog.test.ts checks what the framework still does.
 *
 * A dialog that asks one question and ends with an `Answer<T>`: understood, or given up
 * after the attempts ran out (the caller then brings in a person).
 * Any message counts as an answer (text, attachments or both).
 */
export class QuestionDialog<T, O = unknown> extends Prompt<unknown> {
  constructor(private readonly spec: QuestionSpec<T, O>) {
    super(
      spec.id,
      understanding(
        (activity, context, options) => spec.understand(activity, context, options as O),
        (attempt, failure, options) => spec.rephrase(attempt, failure, options as O),
        spec.maxAttempts,
      ),
    );
  }

  /** What the question asks for (its `channelData.prompt` name). */
  get prompt(): string {
    return this.spec.prompt;
  }

  /**
   * Begun with the question's own options (O), which the validator sees again as `validations`.
   * The question itself is built when it is asked, not kept in the dialog state: the state is
   * read and written on every turn, and a question with its quick replies is most of it.
   */
  override async beginDialog(dc: DialogContext, options: PromptOptions): Promise<DialogTurnResult> {
    return super.beginDialog(dc, { validations: options as object | undefined });
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const onScreen = context.turnState.get(QUESTION_ON_SCREEN) as QuestionOnScreen | undefined;
    if (onScreen && !isRetry && onScreen.prompt === undefined) {
      onScreen.prompt = this.spec.prompt;
      return;
    }
    if (isRetry && options.retryPrompt) {
      await context.sendActivity(options.retryPrompt as Partial<Activity>);
      options.retryPrompt = undefined; // sent; the next failure builds its own
      return;
    }
    await context.sendActivity(await this.spec.question(options.validations as O, context));
  }

  protected async onRecognize(context: TurnContext): Promise<PromptRecognizerResult<unknown>> {
    const activity = context.activity;
    const hasContent = activity.type === ActivityTypes.Message && (Boolean(activity.text?.trim()) || Boolean(activity.attachments?.length));
    return { succeeded: hasContent, value: activity };
  }
}

/** What a question's validator made of the answer. */
export type Answer<T> = { kind: 'understood'; value: T; text: string } | { kind: 'gave_up'; text: string; failure: string };
export type Understood<T> = { ok: true; value: T } | { ok: false; failure: string };

/**
 * A validator that asks the domain to understand the answer; when it cannot, the re-ask
 * gets more specific each time, and after `maxAttempts` the step gets `gave_up` so the
 * dialog can bring in a person.
 */
export function understanding<T>(
  understand: (activity: Activity, context: TurnContext, options: unknown) => Promise<Understood<T>> | Understood<T>,
  rephrase: (attempt: number, failure: string, options: unknown) => Partial<Activity>,
  maxAttempts = 3,
): PromptValidator<unknown> {
  return async (pc) => {
    const activity = pc.context.activity;
    const text = activity.text?.trim() ?? '';
    const result = pc.recognized.succeeded
      ? await understand(activity, pc.context, pc.options.validations)
      : ({ ok: false, failure: 'empty' } as const);
    if (result.ok) {
      pc.recognized.value = { kind: 'understood', value: result.value, text } satisfies Answer<T>;
      return true;
    }
    if (pc.attemptCount >= maxAttempts) {
      pc.recognized.value = { kind: 'gave_up', text, failure: result.failure } satisfies Answer<T>;
      return true;
    }
    pc.options.retryPrompt = rephrase(pc.attemptCount, result.failure, pc.options.validations) as Activity;
    return false;
  };
}
