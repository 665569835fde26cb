import type { Activity, TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import { type DialogContext, type DialogTurnResult, Prompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import { type PromptName, type Understood, understanding } from './prompting';

/** One question: how to ask it, how to understand the answer, how to re-ask more specifically. */
export interface QuestionSpec<T, O = unknown> {
  id: string;
  prompt: PromptName;
  question: (options: O, context: TurnContext) => Partial<Activity> | Promise<Partial<Activity>>;
  /** `options` are the options the question dialog was begun with. */
  understand: (activity: Activity, context: TurnContext, options: O) => Promise<Understood<T>> | Understood<T>;
  rephrase: (attempt: number, failure: string) => Partial<Activity>;
  maxAttempts?: number;
}

/**
 * A dialog that asks one question and ends with an `Answer<T>`: understood, or given up
 * after the attempts ran out (the caller then brings in a person). It is a Prompt itself —
 * not a component around a waterfall and a prompt — so each turn walks two dialog levels less.
 * Any message counts as an answer (text, attachments or both): Bot Framework's TextPrompt
 * ignores attachment-only messages, which proof uploads are.
 */
export class QuestionDialog<T, O = unknown> extends Prompt<unknown> {
  constructor(private readonly spec: QuestionSpec<T, O>) {
    super(
      spec.id,
      understanding((activity, context, options) => spec.understand(activity, context, options as O), spec.rephrase, spec.maxAttempts),
    );
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
