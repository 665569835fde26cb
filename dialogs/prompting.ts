import { type Activity, type CardAction, InputHints, MessageFactory } from 'botbuilder';

/** The `channelData.prompt` names of design.md: what a question asks for. */
export const PROMPT_NAMES = [
  'menu',
  'product',
  'purchaseDate',
  'purchaseDateClarify',
  'purchaseDateReceipt',
  'proofType',
  'proofUpload',
  'problem',
  'conditions',
  'confirm',
  'email',
  'csat',
  'csatComment',
] as const;
export type PromptName = (typeof PROMPT_NAMES)[number];

/** Whether a value read from saved state (perhaps another release's) is one of the prompt names. */
export const isPromptName = (value: unknown): value is PromptName => (PROMPT_NAMES as readonly unknown[]).includes(value);

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

export type { Answer, Understood } from '../src/runtime/questionDialog';
