import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { acknowledgement } from '../src/domain/claimFacts/acknowledgement';
import { answersQuestion, factAskedBy } from '../src/domain/claimFacts/askedFact';
import { factNames } from '../src/domain/claimFacts/claimFacts';
import { isCorrection } from '../src/domain/claimFacts/correctionCue';
import { readClaimFacts } from '../src/domain/claimFacts/readClaimFacts';
import { productQuestionReasksFittingly } from '../src/domain/products/recognizeProduct';
import { QuestionDialog } from '../src/runtime/questionDialog';
import type { DialogServices } from './dialogServices';
import { ask, say } from './prompting';

/**
 * Mixed initiative, for every answer during a claim: the message is read for all the claim
 * facts it carries, and those the question being asked does not read itself are kept in the
 * claim (a gap filled, or a correction), so their own steps are skipped later. When the message
 * does not answer the question at all ("I lost the receipt" when asked for the date), the
 * assistant says what it noted and asks the same question again — not counted as a failed
 * attempt. Returns a result when it re-asked; undefined lets the question read the message.
 */
export async function keepVolunteeredFacts(
  dc: DialogContext,
  services: DialogServices,
  text: string,
): Promise<DialogTurnResult | undefined> {
  const prompt = activePrompt(dc);
  const asked = factAskedBy(prompt);
  if (!prompt || !asked) return undefined;
  const claim = await services.claims.current(services.conversationOf(dc.context));
  if (claim?.status !== 'in_progress') return undefined;
  const facts = readClaimFacts(text, { now: services.clock.now(), timeZone: claim.timeZone, policy: services.policy, asked });
  const changed = await services.claims.recordFacts(claim.id, facts, { correcting: isCorrection(text), skip: [asked] });
  const carriedOther = factNames(facts).some((name) => name !== asked);
  if (!carriedOther || answersQuestion(prompt, text, facts, services.policy)) return undefined;
  // at the product question, a complaint, a restated request ("I told you, the DVR keeps rebooting") or
  // two models are the product question's to answer (what else was told is kept): its re-ask fits, and counts
  if (prompt === 'product' && (!changed.length || productQuestionReasksFittingly(text, services.policy))) return undefined;
  // free re-asks are few: a customer who keeps answering something else is understood by the question (and its attempts)
  const state = dc.activeDialog?.state as { asides?: number } | undefined;
  if (!state || (state.asides ?? 0) >= MAX_FREE_REASKS) return undefined;
  state.asides = (state.asides ?? 0) + 1;
  const updated = (await services.claims.get(claim.id)) ?? claim;
  const noted = acknowledgement(changed, updated, services.policy);
  // the date question asked again in a way that fits after an aside; the others as they were asked
  if (prompt === 'purchaseDate') {
    await dc.context.sendActivity(
      ask('purchaseDate', `${noted} Do you remember roughly when you bought it? A date like "March 3" or "two weeks ago" is fine.`),
    );
    return { status: DialogTurnStatus.waiting };
  }
  await dc.context.sendActivity(say(noted));
  await dc.repromptDialog();
  return { status: DialogTurnStatus.waiting };
}

const MAX_FREE_REASKS = 2;

/** The prompt name of the question waiting for this answer, if a question waits. */
function activePrompt(dc: DialogContext): string | undefined {
  let inner: DialogContext | undefined = dc;
  while (inner?.child?.activeDialog) inner = inner.child;
  const active = inner?.activeDialog;
  const dialog = active ? inner?.findDialog(active.id) : undefined;
  return dialog instanceof QuestionDialog ? dialog.prompt : undefined;
}
