import { RateLimiterMemory } from 'rate-limiter-flexible';
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
  const limiters: DirectLineLimiters = {
    tokens: new RateLimiterMemory({ points: deps.tokensPerMinute, duration: 60 }),
    posts: new RateLimiterMemory({ points: 30, duration: 10 }),
    pages: new RateLimiterMemory({ points: PAGES_PER_10_SECONDS, duration: 10 }),
    // each start or reconnect mints a stream ticket: plenty for a flaky connection, not a mint
    streamUrls: new RateLimiterMemory({ points: STREAM_URLS_PER_MINUTE, duration: 60 }),
  };
  registerConversationRoutes(server, deps, limiters);
  registerActivityRoutes(server, deps, limiters);
  registerUploadRoutes(server, deps, limiters);
  registerFileRoutes(server, deps);
  return limiters;
}
