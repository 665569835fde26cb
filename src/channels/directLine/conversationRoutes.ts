import { randomBytes } from 'node:crypto';
import type { Server } from 'restify';
import { bearerToken, fail, route, sendJson } from '../../server/http';
import { webSocketOrigin } from '../../server/publicOrigin';
import type { DirectLineDeps, DirectLineLimiters } from './directLineDeps';
import type { DirectLineTokenClaims } from './directLineTokens';
import { authorize, limit, watermarkOf } from './requestChecks';

/** Starting a chat, (re)connecting to it and keeping its token fresh. */
export function registerConversationRoutes(server: Server, deps: DirectLineDeps, limiters: DirectLineLimiters): void {
  const { store, tokens, logger } = deps;
  /** The stream URL carries a short-lived stream-only ticket, never the conversation's token (URLs end up in logs). */
  const streamUrl = (claims: DirectLineTokenClaims, watermark?: number) =>
    `${webSocketOrigin(deps.origin())}/v3/directline/conversations/${claims.conversationId}/stream?ticket=${tokens.issueStreamTicket(claims)}${
      watermark ? `&watermark=${watermark}` : ''
    }`;

  server.post(
    '/api/directline/token',
    route(logger, async (req, res) => {
      await limit(limiters.tokens, deps.addressOf(req), res);
      const userId = `u_${randomBytes(12).toString('base64url')}`;
      const conversationId = await store.createConversation(userId);
      // a token for a conversation that a crash could still take back would answer 404 on first use
      await store.readCommitted(() => undefined);
      const { token, expiresIn } = tokens.issue({ userId, conversationId });
      sendJson(res, 200, { token, conversationId, userId, expires_in: expiresIn });
    }),
  );

  server.post(
    '/v3/directline/conversations',
    route(logger, async (req, res) => {
      const claims = authorize(tokens, req);
      await limit(limiters.streamUrls, claims.conversationId, res);
      if (!(await store.conversation(claims.conversationId))) fail('NOT_FOUND');
      if (await store.markStarted(claims.conversationId)) await deps.turns.start(claims);
      sendJson(res, 201, {
        conversationId: claims.conversationId,
        token: claims.token,
        expires_in: 1800,
        streamUrl: streamUrl(claims),
      });
    }),
  );

  server.get(
    '/v3/directline/conversations/:id',
    route(logger, async (req, res) => {
      // botframework-directlinejs reconnects here and takes only a 403 as "token expired" (a 401 it retries
      // forever): with 403 the help page can tell the customer to reload
      if (tokens.verify(bearerToken(req.headers.authorization)) === 'expired') fail('FORBIDDEN', 'The token has expired.');
      const claims = authorize(tokens, req, String(req.params.id));
      await limit(limiters.streamUrls, claims.conversationId, res);
      if (!(await store.conversation(claims.conversationId))) fail('NOT_FOUND');
      sendJson(res, 200, {
        conversationId: claims.conversationId,
        token: claims.token,
        expires_in: 1800,
        streamUrl: streamUrl(claims, watermarkOf(req)),
      });
    }),
  );

  server.post(
    '/v3/directline/tokens/refresh',
    route(logger, (req, res) => {
      const claims = authorize(tokens, req);
      const { token, expiresIn } = tokens.issue(claims);
      sendJson(res, 200, { conversationId: claims.conversationId, token, expires_in: expiresIn });
    }),
  );
}
