import type { Activity, TurnContext } from 'botbuilder';
import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { UploadProblem } from '../src/attachments/proofUploads';
import type { ProofFile } from '../src/domain/claim';
import { classifyProof, type ProofAnswer } from '../src/domain/proofClassifier';
import { DialogGroup } from '../src/runtime/dialogGroup';
import { QuestionDialog } from '../src/runtime/questionDialog';
import type { DialogServices } from './dialogServices';
import { handOffAndEnd } from './handOff';
import { type Answer, ask, say, type Understood } from './prompting';

export const PROOF_DIALOG = 'proofOfPurchaseDialog';
const ASK_TYPE = `${PROOF_DIALOG}.type`;
const ASK_UPLOAD = `${PROOF_DIALOG}.upload`;

export interface ProofOptions {
  claimId: string;
  /** What the customer already said about their proof ("I have the receipt"): the question about its kind is skipped. */
  known?: ProofAnswer;
}
type UploadAnswer = { uploaded: ProofFile } | { later: true };

const LATER =
  /\b(?:later|not now|tonight|tomorrow|this weekend|can'?t (?:right )?now|cannot now|can'?t upload|cannot upload|don'?t have it (?:here|with me|now)|not (?:with|on) me|another time|i'?ll (?:send|upload)|will (?:send|upload)|no(?:thing)?,? sorry|skip)\b/i;

const UPLOAD_PROBLEMS: Record<UploadProblem | 'no_file', string> = {
  wrong_type:
    'That file doesn’t look like a photo or a PDF — I can read JPEG, PNG, HEIC and PDF files. Could you try another file? Or say "later" if you can’t right now.',
  too_big: 'That file is bigger than 10 MB. Could you send a smaller photo or a screenshot? Or say "later".',
  empty: 'That file was empty. Could you try again? Or say "later".',
  download_failed: 'I couldn’t open that file. Could you try uploading it again? Or say "later".',
  not_allowed_origin: 'I couldn’t open that file. Please upload it with the paperclip button in this chat, or say "later".',
  no_file: 'Please attach the file with the paperclip button — a photo, screenshot or PDF. If you can’t right now, just say "later".',
};

/** Asks which proof of purchase the customer has, then for a digital copy of it (or "later"). */
export class ProofOfPurchaseDialog extends DialogGroup {
  constructor(private readonly services: DialogServices) {
    super();
    const kinds = services.policy.proof.types.map((t) => t.label);
    this.add(
      new QuestionDialog<ProofAnswer & { attached: boolean }>({
        id: ASK_TYPE,
        prompt: 'proofType',
        question: () =>
          ask('proofType', `Do you have a proof of purchase? Any of these works: ${listOf(kinds.map((k) => k.toLowerCase()))}.`, [
            ...kinds,
            "I don't have one",
          ]),
        understand: (activity) => this.readProofType(activity),
        rephrase: (attempt) =>
          ask(
            'proofType',
            attempt === 1
              ? `Which one do you have: ${listOf(
                  kinds.map((k) => `a ${k.toLowerCase()}`),
                  'or',
                )}? If you have none, just say so.`
              : 'A paper or email receipt, an invoice, a purchase order, or the order confirmation from an online store all count. Which do you have — or none?',
            [...kinds, "I don't have one"],
          ),
      }),
    );
    this.add(
      new QuestionDialog<UploadAnswer, ProofOptions>({
        id: ASK_UPLOAD,
        prompt: 'proofUpload',
        question: () =>
          ask(
            'proofUpload',
            'Please upload a photo, screenshot or PDF of it with the paperclip button — JPEG, PNG, HEIC or PDF, up to 10 MB. If you can’t right now, say "later".',
            ["I'll send it later"],
          ),
        understand: (activity, context, options) => this.readUpload(activity, context, options.claimId),
        rephrase: (_attempt, failure) =>
          ask('proofUpload', UPLOAD_PROBLEMS[failure as UploadProblem] ?? UPLOAD_PROBLEMS.no_file, ["I'll send it later"]),
      }),
    );
    this.add(new WaterfallDialog(PROOF_DIALOG, [this.askType.bind(this), this.askForCopy.bind(this), this.finish.bind(this)]));
  }

  /** Asks: which proof of purchase do you have? */
  private async askType(step: WaterfallStepContext) {
    const { known } = step.options as ProofOptions;
    if (known)
      return step.next({ kind: 'understood', value: { ...known, attached: false }, text: '' } satisfies Answer<
        ProofAnswer & { attached: boolean }
      >);
    return step.beginDialog(ASK_TYPE);
  }

  /** Asks: upload a digital copy (unless there is none, or it came with the answer). */
  private async askForCopy(step: WaterfallStepContext) {
    const { claimId } = step.options as ProofOptions;
    const answer = step.result as Answer<ProofAnswer & { attached: boolean }>;
    if (answer.kind === 'gave_up') return this.handOff(step, 'unclear_proof');
    await this.services.claims.recordProof(claimId, answer.value);
    if (answer.value.attached) {
      const upload = await this.readUpload(step.context.activity, step.context, claimId);
      if (upload.ok) return step.endDialog({ status: 'ok' });
    }
    if (answer.value.availability === 'lost') {
      await step.context.sendActivity(say(`That's OK. ${this.services.policy.proof.howToGetCopy}`));
      return step.endDialog({ status: 'ok' });
    }
    return step.beginDialog(ASK_UPLOAD, { claimId });
  }

  private async finish(step: WaterfallStepContext) {
    const { claimId } = step.options as ProofOptions;
    const answer = step.result as Answer<UploadAnswer>;
    if (answer.kind === 'gave_up') return this.handOff(step, 'unclear_proof');
    if ('later' in answer.value) {
      await this.services.claims.recordProof(claimId, { type: null, availability: 'not_at_hand' });
      await step.context.sendActivity(say('No problem — you can upload it in this chat whenever you have it.'));
    } else {
      await step.context.sendActivity(say(`Thanks, I've got "${answer.value.uploaded.name}".`));
    }
    return step.endDialog({ status: 'ok' });
  }

  private handOff(step: WaterfallStepContext, reason: 'unclear_proof') {
    return handOffAndEnd(step, this.services, (step.options as ProofOptions).claimId, reason);
  }

  private readProofType(activity: Activity): Understood<ProofAnswer & { attached: boolean }> {
    const attached = Boolean(activity.attachments?.length);
    const answer = classifyProof(activity.text ?? '', this.services.policy);
    if (attached) return { ok: true, value: { type: answer.type, availability: 'has_now', attached } };
    if (answer.type || answer.availability !== 'unknown') return { ok: true, value: { ...answer, attached } };
    return { ok: false, failure: 'unknown' };
  }

  private async readUpload(activity: Activity, context: TurnContext, claimId: string): Promise<Understood<UploadAnswer>> {
    if (activity.attachments?.some((a) => a.contentUrl)) {
      const received = await receiveProofFile(this.services, context, claimId);
      return received.ok ? { ok: true, value: { uploaded: received.file } } : { ok: false, failure: received.problem };
    }
    const text = activity.text ?? '';
    const availability = classifyProof(text, this.services.policy).availability;
    if (LATER.test(text) || availability === 'not_at_hand' || availability === 'lost') return { ok: true, value: { later: true } };
    return { ok: false, failure: 'no_file' };
  }
}

/** The upload step: the turn's file is stored and attached to the claim as its proof of purchase. */
export async function receiveProofFile(
  services: DialogServices,
  context: TurnContext,
  claimId: string,
): Promise<{ ok: true; file: ProofFile } | { ok: false; problem: UploadProblem | 'no_file' }> {
  const attachment = context.activity.attachments?.find((a) => a.contentUrl);
  if (!attachment) return { ok: false, problem: 'no_file' };
  const result = await services.uploads.accept(claimId, attachment, services.allowedAttachmentOrigins(context));
  if (!result.ok) return result;
  // read off the turn path: the decision step, on any instance, waits for it a little (settleReadings)
  const file = result.bytes && services.readings ? services.readings.startedNow(result.file) : result.file;
  await services.claims.attachProof(claimId, file);
  if (result.bytes) services.readings?.start(claimId, file.id, result.bytes);
  return { ok: true, file };
}

/** "a, b, c or d" */
export function listOf(items: string[], last = 'or'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}
