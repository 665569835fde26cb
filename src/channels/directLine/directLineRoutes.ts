import type { Server } from 'restify';
import { registerActivityRoutes } from './activityRoutes';
import { registerConversationRoutes } from './conversationRoutes';
import type { DirectLineDeps, DirectLineLimiters } from './directLineDeps';
import { registerFileRoutes } from './fileRoutes';
import { registerUploadRoutes } from './uploadRoutes';

/** Pages of activities one conversation may ask for per 10 seconds: a poll a second, catching up after a reconnect, and room to spare. */
export const PAGES_PER_10_SECONDS = 100;
/** Stream URLs (each with a fresh ticket) one conversation may ask for per minute: starts and reconnects. */
export const STREAM_URLS_PER_MINUTE = 60;

/**
 * A self-hosted Direct Line 3.0: the endpoints Web Chat and botframework-directlinejs use,
 * backed by SQLite, with turns run in process by the DirectLineAdapter.
 */
export function registerDirectLine(server: Server, deps: DirectLineDeps): DirectLineLimiters {
  const limit = deps.rateLimits;
  const limiters: DirectLineLimiters = {
    tokens: limit('dl-tokens', deps.tokensPerMinute, 60),
    posts: limit('dl-posts', 30, 10),
    pages: limit('dl-pages', PAGES_PER_10_SECONDS, 10),
    // each start or reconnect mints a stream ticket: plenty for a flaky connection, not a mint
    streamUrls: limit('dl-stream-urls', STREAM_URLS_PER_MINUTE, 60),
  };
  registerConversationRoutes(server, deps, limiters);
  registerActivityRoutes(server, deps, limiters);
  registerUploadRoutes(server, deps, limiters);
  registerFileRoutes(server, deps);
  return limiters;
}
