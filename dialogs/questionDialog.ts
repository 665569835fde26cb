import type { Activity, TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AnswerPrompt, type PromptName, type Understood, understanding } from './prompting';

/** One question: how to ask it, how to understand the answer, how to re-ask more specifically. */
export interface QuestionSpec<T, O = unknown> {
  id: string;
  prompt: PromptName;
  question: (options: O, context: TurnContext) => Partial<Activity>;
  /** `options` are the options the question dialog was begun with. */
  understand: (activity: Activity, context: TurnContext, options: O) => Promise<Understood<T>> | Understood<T>;
  rephrase: (attempt: number, failure: string) => Partial<Activity>;
  maxAttempts?: number;
}

/**
 * A dialog that asks one question and ends with an `Answer<T>`: understood, or given up
 * after the attempts ran out (the caller then brings in a person).
 */
export class QuestionDialog<T, O = unknown> extends ComponentDialog {
  constructor(private readonly spec: QuestionSpec<T, O>) {
    super(spec.id);
    const understand = (activity: Activity, context: TurnContext, options: unknown) => spec.understand(activity, context, options as O);
    this.addDialog(new AnswerPrompt(`${spec.id}.prompt`, understanding(understand, spec.rephrase, spec.maxAttempts)));
    this.addDialog(new WaterfallDialog(`${spec.id}.steps`, [this.askQuestion.bind(this), this.returnAnswer.bind(this)]));
    this.initialDialogId = `${spec.id}.steps`;
  }

  private async askQuestion(step: WaterfallStepContext) {
    const options = step.options as O;
    return step.prompt(`${this.spec.id}.prompt`, {
      prompt: this.spec.question(options, step.context) as Activity,
      validations: options as object | undefined,
    });
  }

  private async returnAnswer(step: WaterfallStepContext) {
    return step.endDialog(step.result);
  }
}
