import { type Activity, CloudAdapter, type TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Request, Response } from 'restify';
import { AppError } from '../errors';
import { sendJson } from '../server/http';

/**
 * A CloudAdapter whose HTTP entry point skips `process`'s zod checks: they re-validate the
 * request, the response and a copy of every activity, about 50 µs of a turn, after our route has
 * already checked that the body is an activity. Authentication, the turn and invoke responses
 * are still the framework's own (`processActivity`).
 */
export class ChannelAdapter extends CloudAdapter {
  async handle(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = withDates(req.body as Activity);
    let invokeResponse: Awaited<ReturnType<CloudAdapter['processActivity']>>;
    try {
      invokeResponse = await this.processActivity(req.headers.authorization ?? '', activity, logic);
    } catch (error) {
      if (error instanceof AuthenticationError) throw new AppError('CHANNEL_UNAUTHENTICATED');
      throw error;
    }
    if (invokeResponse?.body !== undefined) return sendJson(res, invokeResponse.status, invokeResponse.body);
    res.writeHead(invokeResponse?.status ?? 200);
    res.end();
  }
}

/** The activity's timestamps as Dates, the raw strings kept, as the framework's own validator does. */
function withDates(activity: Activity): Activity {
  const raw = activity as unknown as Record<string, unknown>;
  for (const [field, rawField] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    if (typeof raw[field] === 'string') {
      raw[rawField] = raw[field];
      raw[field] = new Date(raw[field] as string);
    }
  }
  return activity;
}
