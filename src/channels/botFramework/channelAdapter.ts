import { type Activity, CloudAdapter, type TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Request, Response } from 'restify';
import { AppError } from '../../errors';
import { validateAndFixActivity } from '../../runtime/frameworkActivityFixUp';
import { sendJson } from '../../server/http';

/**
 * A CloudAdapter whose HTTP entry point skips `process`'s zod checks: they re-validate the
 * request, the response and a copy of every activity, about 50 µs of a turn, after our route has
 * already checked that the body is an activity. Authentication, the turn and invoke responses
 * are still the framework's own (`processActivity`).
 */
export class ChannelAdapter extends CloudAdapter {
  async handle(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    // the framework's own fix-up (timestamps as Dates, raw strings kept); the route checked the type
    const activity = validateAndFixActivity(req.body as Activity);
    let invokeResponse: Awaited<ReturnType<CloudAdapter['processActivity']>>;
    try {
      invokeResponse = await this.processActivity(req.headers.authorization ?? '', activity, logic);
    } catch (error) {
      if (error instanceof AuthenticationError) throw new AppError('CHANNEL_UNAUTHENTICATED');
      throw error;
    }
    // an invoke the bot does not handle: the framework answers 501, a server error for what is the caller's
    // request; it is the caller's to fix, so it is a 400 in our shape
    if (activity.type === 'invoke' && invokeResponse?.status === 501 && invokeResponse.body === undefined)
      throw new AppError('UNHANDLED_INVOKE');
    if (invokeResponse?.body !== undefined) return sendJson(res, invokeResponse.status, invokeResponse.body);
    res.writeHead(invokeResponse?.status ?? 200);
    res.end();
  }
}
