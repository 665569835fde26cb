import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import {
  type ConditionsReading,
  classifyConditions,
  type HintAnswer,
  type HintQuestion,
  hintQuestions,
  readHintAnswer,
  refersBack,
} from '../src/domain/conditionsClassifier';
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
const HINT = `${CONDITIONS_DIALOG}.hint`;

export interface ConditionsOptions {
  claimId: string;
  /** Conditions the problem description hinted at without stating them. */
  hinted: ExclusionCode[];
  /** Hinted conditions already asked about, one plain question each. */
  asked?: ExclusionCode[];
  /** Hinted conditions the customer ruled out: the list of the others leaves them out. */
  settled?: ExclusionCode[];
}
interface StepValues {
  /** The hint being asked about in this round, if any. */
  hint?: HintQuestion;
}
const values = (step: WaterfallStepContext) => step.values as StepValues;
const HINT_CHOICES = ['No', 'Yes', "I'm not sure"];

const CHOICES = ['No, none of these', 'Yes, one of these', "I'm not sure"];

/**
 * Asks plainly about the conditions the policy excludes; an unsure answer gets one follow-up, then a person.
 * A condition the problem description only hinted at ("condensation", "storm") is asked about first,
 * specifically and once: a clear yes decides it, a clear no rules it out, and then the others are
 * still asked (a careful agent does not take "no moisture" for "not dropped either"), without it.
 */
export class ConditionsDialog extends DialogGroup {
  constructor(private readonly services: DialogServices) {
    super();
    this.add(
      new QuestionDialog<ConditionsReading, ConditionsOptions>({
        id: ASK,
        prompt: 'conditions',
        question: (options) => ask('conditions', this.question(options.hinted, options.settled ?? []), CHOICES),
        understand: (activity, _context, options) => this.readAnswer(activity.text, options),
        rephrase: (_attempt, failure) =>
          ask(
            'conditions',
            failure === 'which'
              ? 'Which one happened? For example "it was dropped" or "there was a power surge".'
              : failure === 'refers_back'
                ? `Sorry — I don't have anything noted about that so far. Could you tell me what happened, or is it none of these? A simple "no" is fine.\n\n${this.list()}`
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
      new QuestionDialog<HintAnswer, HintQuestion>({
        id: HINT,
        prompt: 'conditions',
        question: (hint) => ask('conditions', hintQuestionText(hint), HINT_CHOICES),
        understand: (activity, _context, hint) => {
          const reading = readHintAnswer(activity.text, hint, this.services.policy);
          return reading.answer === 'unclear' ? { ok: false, failure: 'unclear' } : { ok: true, value: reading };
        },
        rephrase: () =>
          ask('conditions', 'Sorry, I need a plain answer to that one: did it happen — "yes", "no", or "I\'m not sure"?', HINT_CHOICES),
        maxAttempts: 2,
      }),
    );
    this.add(
      new WaterfallDialog(CONDITIONS_DIALOG, [
        this.askHintOrConditions.bind(this),
        this.askOthersIfRuledOut.bind(this),
        this.followUpIfUnsure.bind(this),
        this.finish.bind(this),
      ]),
    );
  }

  /** Asks about the next hinted condition, specifically; when none is left: has any excluded condition happened? */
  private async askHintOrConditions(step: WaterfallStepContext) {
    const options = step.options as ConditionsOptions;
    const next = options.hinted.find((code) => !options.asked?.includes(code));
    if (!next) return step.beginDialog(ASK, options);
    const claim = await this.services.claims.get(options.claimId);
    const said = [claim?.problem.text ?? '', ...(claim?.conditions.reported ?? [])].join('. ');
    const [hint] = hintQuestions(said, [next], this.services.policy);
    if (!hint) return step.beginDialog(ASK, options);
    values(step).hint = hint;
    return step.beginDialog(HINT, hint);
  }

  /**
   * After a hint's question: a "no" rules that condition out, then the next hint or the other
   * conditions are asked; a yes, a stated condition or a hedge goes on as any conditions answer.
   */
  private async askOthersIfRuledOut(step: WaterfallStepContext) {
    const options = step.options as ConditionsOptions;
    const hint = values(step).hint;
    const answer = step.result as Answer<HintAnswer>;
    if (!hint) return step.next(answer);
    if (answer.kind === 'gave_up') return this.handOff(step, 'uncertain_condition');
    if (!answer.value.denied.length) return step.next(answer);
    await this.services.claims.dismissUnsure(options.claimId, answer.value.denied);
    const after: ConditionsOptions = {
      ...options,
      asked: [...(options.asked ?? []), hint.code],
      settled: [...(options.settled ?? []), ...answer.value.denied],
    };
    if (options.hinted.some((code) => !after.asked?.includes(code))) return step.replaceDialog(CONDITIONS_DIALOG, after);
    values(step).hint = undefined;
    return step.beginDialog(ASK, { ...after, hinted: [] });
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

  /**
   * The answer to the list; "nothing apart from what I told you" when nothing was noted is not a
   * "none": what was told may not have reached the claim, so it is asked again.
   */
  private async readAnswer(text: string | undefined, options: ConditionsOptions): Promise<Understood<ConditionsReading>> {
    const understood = this.read(text);
    if (!understood.ok || understood.value.answer !== 'none' || !refersBack(text)) return understood;
    const conditions = (await this.services.claims.get(options.claimId))?.conditions;
    const noted = conditions && conditions.reported.length + conditions.exclusions.length + conditions.unsure.length > 0;
    return noted ? understood : { ok: false, failure: 'refers_back' };
  }

  private read(text: string | undefined): Understood<ConditionsReading> {
    const reading = classifyConditions(text ?? '', this.services.policy);
    if (reading.answer === 'unclear') return { ok: false, failure: isYes(text ?? '') ? 'which' : 'unclear' };
    return { ok: true, value: reading };
  }

  private labels(codes: ExclusionCode[]): string[] {
    return codes.map((code) => this.services.policy.exclusions.find((e) => e.code === code)?.question ?? code);
  }

  private list(settled: readonly ExclusionCode[] = []): string {
    return this.services.policy.exclusions
      .filter((e) => e.code !== 'data_loss' && !settled.includes(e.code))
      .map((e) => `- ${e.question}`)
      .join('\n');
  }

  private question(hinted: ExclusionCode[], settled: ExclusionCode[]): string {
    if (settled.length) {
      return `Thanks, that helps. A few other things aren't covered by the warranty either, so I have to ask: apart from that, has the product been:\n\n${this.list(settled)}`;
    }
    const lead = hinted.length ? 'You mentioned something that may matter. ' : '';
    return `${lead}A few things aren't covered by the warranty, so I have to ask. Has the product been:\n\n${this.list()}`;
  }
}

/** "You mentioned “condensation” — has water or moisture got into it, …?" */
const hintQuestionText = (hint: HintQuestion): string =>
  hint.phrase ? `You mentioned “${hint.phrase}” — ${hint.question}` : `One thing I need to check: ${hint.question}`;
