import type { TurnContext } from 'botbuilder';
import type { BotFrameworkCustomerChannel } from '../channels/botFramework/customerChannel';
import type { Claim } from '../domain/claim';
import { conversationOf, keyText } from '../domain/conversationKey';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { FAILURE_GOES_TO_CALLER } from './turnFailure';
import type { TurnRunner } from './turnRunner';

/** Runs something in a claim's customer conversation, in turn with the customer's own messages. */
export type InConversation = (claim: Claim, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/**
 * Agents' messages and notices as proactive turns of the customer's conversation, through the one
 * turn runner; a customer who cannot be reached is DELIVERY_FAILED for the caller (and logged).
 */
export function customerConversation(
  runner: Pick<TurnRunner, 'runProactive'>,
  channel: Pick<BotFrameworkCustomerChannel, 'runTurn'>,
  logger: Logger,
): InConversation {
  return async (claim, logic) => {
    try {
      await runner.runProactive(keyText(conversationOf(claim)), () =>
        channel.runTurn(conversationOf(claim), async (context) => {
          context.turnState.set(FAILURE_GOES_TO_CALLER, true);
          await logic(context);
        }),
      );
    } catch (error) {
      logger.warn({ err: error, claimId: claim.id, code: 'DELIVERY_FAILED' }, "could not reach the customer's chat");
      throw new AppError('DELIVERY_FAILED');
    }
  };
}
