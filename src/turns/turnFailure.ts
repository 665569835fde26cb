import type { TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import { EtagConflictError } from '../storage/etagConflict';
import { StorageUnavailableError } from '../storage/storageUnavailable';
import { mayRunAgain } from './turnAttempt';

/**
 * Marks a turn that someone is waiting on — an agent's message or action in a customer's chat.
 * If it fails, the failure goes back to that caller (the agent is told it was not delivered)
 * instead of the customer's error path, which would apologise and reset their dialogs.
 */
export const FAILURE_GOES_TO_CALLER = Symbol('failureGoesToCaller');

/**
 * The adapters' `onTurnError`: the customer is told, and only the broken dialog state is cleared
 * (the claim is saved); an agent's turn rethrows to the agent instead.
 */
export function apologiseOnTurnError(bot: { resetDialogs(context: TurnContext): Promise<void> }, logger: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    // an agent's turn: the agent is told it failed; the customer's dialogs stay as they are
    if (context.turnState.get(FAILURE_GOES_TO_CALLER)) throw error;
    // the database is away: nothing can be told or kept, and the turn's writes (the customer's message
    // too) were taken back — the request fails (503) so the customer, or their channel, sends it again
    if (error instanceof StorageUnavailableError) throw error;
    // someone else wrote the dialog state meanwhile: the runner runs the turn again from a fresh read,
    // and the customer hears only that turn's answer (unless it cannot: then as any failed turn)
    if (error instanceof EtagConflictError && mayRunAgain(context)) throw error;
    logger.error({ err: error, conversationId: context.activity.conversation?.id, code: 'TURN_FAILED' }, 'turn failed');
    try {
      await context.sendActivity(
        'Sorry, something went wrong on my side. Your claim is saved — please send your last answer again, or say "talk to a person".',
      );
      await bot.resetDialogs(context);
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the customer about the failed turn');
    }
  };
}
