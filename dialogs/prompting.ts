import type { TurnContext } from 'botbuilder';
import { type Activity, type CardAction, InputHints, MessageFactory } from 'botbuilder';
import type { PromptValidator } from 'botbuilder-dialogs';

/** The `channelData.prompt` names of design.md: what a question asks for. */
export type PromptName =
  | 'menu'
  | 'product'
  | 'purchaseDate'
  | 'purchaseDateClarify'
  | 'proofType'
  | 'proofUpload'
  | 'problem'
  | 'conditions'
  | 'confirm'
  | 'email'
  | 'csat'
  | 'csatComment';

/** A question to the customer: expecting input, tagged with what it asks, with optional quick replies. */
export function ask(prompt: PromptName, text: string, suggestions: string[] = []): Partial<Activity> {
  const activity = suggestions.length
    ? MessageFactory.suggestedActions(
        suggestions.map((s): CardAction => ({ type: 'imBack', title: s, value: s })),
        text,
      )
    : MessageFactory.text(text);
  activity.inputHint = InputHints.ExpectingInput;
  activity.channelData = { prompt };
  return activity;
}

/** A statement (no question): the customer is not expected to answer it. */
export const say = (text: string): Partial<Activity> => ({ ...MessageFactory.text(text), inputHint: InputHints.AcceptingInput });

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
  rephrase: (attempt: number, failure: string) => Partial<Activity>,
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
    pc.options.retryPrompt = rephrase(pc.attemptCount, result.failure) as Activity;
    return false;
  };
}
