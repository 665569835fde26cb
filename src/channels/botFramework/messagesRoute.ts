import type { Request, Server } from 'restify';
import { keyText } from '../../domain/conversationKey';
import { AppError } from '../../errors';
import type { Logger } from '../../logger';
import { isLoopbackAddress, isLoopbackUrl, route, sendError } from '../../server/http';
import type { JsonBodies } from '../../server/jsonBody';
import { bringsFileToDownload } from '../../turns/turnAdmission';
import type { TurnRunner } from '../../turns/turnRunner';
import type { ChannelAdapter } from './channelAdapter';
import { checkIncomingActivity } from './incomingActivity';

export interface MessagesDeps {
  adapter: ChannelAdapter;
  runner: TurnRunner;
  logger: Logger;
  /** no app id: only this machine may post, with a loopback serviceUrl */
  localMode: boolean;
  /** the client's address (behind a trusted proxy, from X-Forwarded-For) */
  addressOf: (req: Request) => string;
  /** JSON bodies within the server's memory budget */
  json: JsonBodies;
  /** the server is shutting down: new turns are refused */
  closing: () => boolean;
}

/** `POST /api/messages`: where a Bot Framework channel (Teams, Web Chat via Azure…) delivers the customer's activity. */
export function registerMessages(server: Server, deps: MessagesDeps): void {
  const { adapter, runner, logger } = deps;
  server.post(
    '/api/messages',
    // in local mode nobody else may post: refused before their body is read
    (req, res, next) => {
      if (!deps.localMode || isLoopbackAddress(deps.addressOf(req))) return next();
      sendError(res, new AppError('LOCAL_MODE_ONLY_LOOPBACK'));
      return next(false);
    },
    deps.json(512 * 1024),
    route(logger, async (req, res) => {
      if (deps.closing()) return sendError(res, new AppError('NOT_READY'));
      const activity = req.body as { type?: unknown; serviceUrl?: unknown; attachments?: unknown };
      const { channel, conversationId } = checkIncomingActivity(activity);
      if (deps.localMode && (!isLoopbackAddress(deps.addressOf(req)) || !isLoopbackUrl(activity.serviceUrl))) {
        return sendError(res, new AppError('LOCAL_MODE_ONLY_LOOPBACK'));
      }
      // the conversation of this channel (its serviceUrl's origin): the same id elsewhere is another one
      const key = keyText({ channel, id: conversationId });
      // a customer's file costs its turn a second round trip (the download from the channel):
      // starting that turn first keeps it from being the slowest answer of the claim
      await runner.run(key, (logic) => adapter.handle(req, res, logic), {
        ahead: bringsFileToDownload(activity),
        message: activity.type === 'message',
      });
    }),
  );
}
