import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Request } from 'restify';
import type { RateLimits } from '../../cluster/rateLimits';
import type { Logger } from '../../logger';
import type { JsonBodies } from '../../server/jsonBody';
import type { DirectLineStore } from '../../storage/directLineStore';
import type { CustomerTurns } from './customerTurns';
import type { DirectLineTokens } from './directLineTokens';
import type { FileLinks } from './fileLinks';

export interface DirectLineDeps {
  store: DirectLineStore;
  tokens: DirectLineTokens;
  links: FileLinks;
  /** where the customer's activities go: stored, then the bot's turn */
  turns: CustomerTurns;
  logger: Logger;
  tokensPerMinute: number;
  /** this instance's limits, or the cluster's (Redis) */
  rateLimits: RateLimits;
  /** the client's address (behind a trusted proxy, from X-Forwarded-For) */
  addressOf: (req: Request) => string;
  /** JSON bodies within the server's memory budget */
  json: JsonBodies;
  /** our public origin (PUBLIC_URL, or this server as it listens): every URL we hand out starts with it */
  origin: () => string;
}

/** The rate limits of the Direct Line routes; posting and uploading share one. */
export interface DirectLineLimiters {
  /** new chats per client address */
  tokens: RateLimiterAbstract;
  /** messages and uploads per conversation */
  posts: RateLimiterAbstract;
  /** pages of activities per conversation */
  pages: RateLimiterAbstract;
  /** stream URLs (starts and reconnects) per conversation */
  streamUrls: RateLimiterAbstract;
}
