import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { type ConditionsReading, classifyConditions } from '../src/domain/conditionsClassifier';
import type { ExclusionCode } from '../src/domain/policy';
import { isYes } from '../src/domain/text';
import { DialogGroup } from '../src/runtime/dialogGroup';
import { QuestionDialog } from '../src/runtime/questionDialog';
import type { DialogServices } from './dialogServices';
import { handOffAndEnd } from './handOff';
import { type Answer, ask, type Understood } from './prompting';
import { listOf } from './proofOfPurchaseDialog';

export const CONDITIONS_DIALOG = 'conditionsDialog';
const ASK = `${CONDITIONS_DIALOG}.ask`;
const FOLLOW_UP = `${CONDITIONS_DIALOG}.followUp`;

export interface ConditionsOptions {
  claimId: string;
  /** Conditions the problem description hinted at without stating them. */
  hinted: ExclusionCode[];
}

const CHOICES = ['No, none of these', 'Yes, one of these', "I'm not sure"];

/** Asks plainly about the conditions the policy excludes; an unsure answer gets one follow-up, then a person. */
export class ConditionsDialog extends DialogGroup {
  constructor(private readonly services: DialogServices) {
    super();
    this.add(
      new QuestionDialog<ConditionsReading, ConditionsOptions>({
        id: ASK,
        prompt: 'conditions',
        question: (options) => ask('conditions', this.question(options.hinted), CHOICES),
        understand: (activity) => this.read(activity.text),
        rephrase: (_attempt, failure) =>
          ask(
            'conditions',
            failure === 'which'
              ? 'Which one happened? For example "it was dropped" or "there was a power surge".'
              : `Sorry, I didn't follow. Has any of these happened to it? A simple "no" is fine.\n\n${this.list()}`,
            CHOICES,
          ),
      }),
    );
    this.add(
      new QuestionDialog<ConditionsReading, ExclusionCode[]>({
        id: FOLLOW_UP,
        prompt: 'conditions',
        question: (unsure) =>
          ask(
            'conditions',
            `No problem. It matters because the warranty doesn't cover damage ${unsure.length ? `from being ${listOf(this.labels(unsure))}` : 'from those causes'}. Do you know whether that happened? If you can't tell, a colleague will look at it with you.`,
            ["No, it didn't", 'Yes, it did', "I can't tell"],
          ),
        understand: (activity) => this.read(activity.text),
        rephrase: () =>
          ask('conditions', 'Did it happen — "yes", "no", or "I can\'t tell"?', ["No, it didn't", 'Yes, it did', "I can't tell"]),
        maxAttempts: 2,
      }),
    );
    this.add(
      new WaterfallDialog(CONDITIONS_DIALOG, [this.askConditions.bind(this), this.followUpIfUnsure.bind(this), this.finish.bind(this)]),
    );
  }

  /** Asks: has any excluded condition happened? */
  private async askConditions(step: WaterfallStepContext) {
    return step.beginDialog(ASK, step.options);
  }

  /** Asks once more when the customer is unsure, so a person is brought in only when it really is unclear. */
  private async followUpIfUnsure(step: WaterfallStepContext) {
    const { claimId } = step.options as ConditionsOptions;
    const answer = step.result as Answer<ConditionsReading>;
    if (answer.kind === 'gave_up') return this.handOff(step, 'repeated_misunderstanding');
    await this.services.claims.recordConditions(claimId, answer.value);
    if (answer.value.answer !== 'unsure') return step.endDialog({ status: 'ok' });
    return step.beginDialog(FOLLOW_UP, answer.value.unsure);
  }

  private async finish(step: WaterfallStepContext) {
    const { claimId } = step.options as ConditionsOptions;
    const answer = step.result as Answer<ConditionsReading>;
    if (answer.kind === 'gave_up' || answer.value.answer === 'unsure') return this.handOff(step, 'uncertain_condition');
    if (answer.value.answer === 'none' && !answer.value.exclusions.length) await this.services.claims.clearUnsure(claimId);
    else await this.services.claims.recordConditions(claimId, answer.value);
    return step.endDialog({ status: 'ok' });
  }

  private handOff(step: WaterfallStepContext, reason: 'repeated_misunderstanding' | 'uncertain_condition') {
    return handOffAndEnd(step, this.services, (step.options as ConditionsOptions).claimId, reason);
  }

  private read(text: string | undefined): Understood<ConditionsReading> {
    const reading = classifyConditions(text ?? '', this.services.policy);
    if (reading.answer === 'unclear') return { ok: false, failure: isYes(text ?? '') ? 'which' : 'unclear' };
    return { ok: true, value: reading };
  }

  private labels(codes: ExclusionCode[]): string[] {
    return codes.map((code) => this.services.policy.exclusions.find((e) => e.code === code)?.question ?? code);
  }

  private list(): string {
    return this.services.policy.exclusions
      .filter((e) => e.code !== 'data_loss')
      .map((e) => `- ${e.question}`)
      .join('\n');
  }

  private question(hinted: ExclusionCode[]): string {
    const lead = hinted.length ? 'You mentioned something that may matter. ' : '';
    return `${lead}A few things aren't covered by the warranty, so I have to ask. Has the product been:\n\n${this.list()}`;
  }
}
