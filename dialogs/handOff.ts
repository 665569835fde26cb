import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { HandoffReason } from '../src/domain/eligibility';
import type { DialogServices } from './dialogServices';

/**
 * A question dialog decided that a person is needed: hand the claim off (listeners tell the
 * customer and the agents) and end the whole dialog stack; the claim keeps every answer,
 * so the assistant can resume it later.
 */
export async function handOffAndEnd(
  dc: DialogContext,
  services: DialogServices,
  claimId: string,
  reason: HandoffReason,
): Promise<DialogTurnResult> {
  const claim = await services.claims.get(claimId);
  if (claim) await services.handOff(dc.context, claim, reason);
  return dc.cancelAllDialogs(true);
}
