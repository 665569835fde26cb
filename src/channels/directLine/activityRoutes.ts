import type { Server } from 'restify';
import { fail, route, sendJson } from '../../server/http';
import type { DirectLineDeps, DirectLineLimiters } from './directLineDeps';
import { readIncomingActivity } from './incomingActivity';
import { authorize, limit, watermarkOf } from './requestChecks';

/** The customer's messages in, and the conversation's activities out (polling; the stream is DirectLineStreams). */
export function registerActivityRoutes(server: Server, deps: DirectLineDeps, limiters: DirectLineLimiters): void {
  const { store, tokens, links, logger } = deps;

  server.post(
    '/v3/directline/conversations/:id/activities',
    deps.json(64 * 1024),
    route(logger, async (req, res) => {
      const claims = authorize(tokens, req, String(req.params.id));
      await limit(limiters.posts, claims.conversationId, res);
      const id = await deps.turns.receive(claims, readIncomingActivity(req.body));
      sendJson(res, 200, { id });
    }),
  );

  server.get(
    '/v3/directline/conversations/:id/activities',
    route(logger, async (req, res) => {
      const claims = authorize(tokens, req, String(req.params.id));
      const watermark = watermarkOf(req);
      await limit(limiters.pages, claims.conversationId, res);
      const page = await store.committedAfter(claims.conversationId, watermark);
      // a resume through a link while this read waited: what it read may already be the new session's
      if (tokens.isEnded(claims)) fail('SESSION_ENDED');
      sendJson(res, 200, { activities: page.activities.map((a) => links.forClient(a)), watermark: String(page.watermark) });
    }),
  );
}
