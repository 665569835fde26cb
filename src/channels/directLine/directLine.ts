import type { TurnContext } from 'botbuilder';
import type { Request, Server } from 'restify';
import { agentIdentityMiddleware } from '../../bot/agentIdentityMiddleware';
import { conversationScope } from '../../bot/conversationScope';
import { replyCoalescer } from '../../bot/replyCoalescer';
import type { Clock } from '../../clock';
import type { RateLimits } from '../../cluster/rateLimits';
import { type Config, DEFAULT_RESUME_LINK_DAYS } from '../../config/config';
import { DIRECT_LINE_CHANNEL } from '../../domain/conversationKey';
import type { Logger } from '../../logger';
import { ResumeLinks } from '../../mail/resumeLinks';
import type { JsonBodies } from '../../server/jsonBody';
import type { DirectLineStore } from '../../storage/directLineStore';
import type { TurnRunner } from '../../turns/turnRunner';
import { CustomerTurns } from './customerTurns';
import { DirectLineAdapter } from './directLineAdapter';
import { registerDirectLine } from './directLineRoutes';
import { DirectLineStreams } from './directLineStreams';
import { DIRECT_LINE_TOKEN_SECONDS, DirectLineTokens } from './directLineTokens';
import { EndedSessions } from './endedSessions';
import { FileLinks } from './fileLinks';
import { localFileSource } from './localFiles';
import { registerResumeRoutes } from './resumeRoutes';
import type { UsedTickets } from './usedTickets';

export interface DirectLineParts {
  /** the conversations, activities and files of our Direct Line */
  store: DirectLineStore;
  clock: Clock;
  logger: Logger;
  runner: TurnRunner;
  /** our public origin: every URL we hand out starts with it */
  origin: () => string;
  addressOf: (req: Request) => string;
  /** JSON bodies within the server's memory budget */
  json: JsonBodies;
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  /** this instance's rate limits, or the cluster's (Redis) */
  rateLimits: RateLimits;
  /** where stream tickets' single use is remembered: this process (the default), or the cluster (Redis) */
  usedTickets?: UsedTickets;
}

/**
 * How long past a token's lifetime a resume is remembered: room for the clocks of the instance that
 * issued a token and of the one that resumed its conversation to disagree.
 */
const CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * Our own Direct Line: the help page's chat. Turns run in this process; replies never leave it.
 * Registers its routes; the caller connects the rest (its streams to the upgrade dispatcher,
 * its proactive turns and local files to whoever needs them).
 */
export function createDirectLine(
  server: Server,
  config: Pick<Config, 'directLineTokensPerMinute' | 'mail'> & { tokenSecret: string },
  parts: DirectLineParts,
) {
  const { store } = parts;
  const sessions = new EndedSessions(parts.clock, DIRECT_LINE_TOKEN_SECONDS + CLOCK_SKEW_SECONDS);
  const tokens = new DirectLineTokens(config.tokenSecret, parts.clock, parts.usedTickets, sessions);
  const links = new FileLinks(config.tokenSecret, parts.clock, parts.origin);
  const adapter = new DirectLineAdapter(store, parts.clock);
  // every turn of this adapter came in on our Direct Line (its routes checked the token's conversation)
  adapter.use(conversationScope(() => DIRECT_LINE_CHANNEL));
  adapter.use(replyCoalescer());
  adapter.use(agentIdentityMiddleware());
  adapter.onTurnError = parts.onTurnError;
  const limiters = registerDirectLine(server, {
    store,
    tokens,
    links,
    turns: new CustomerTurns(adapter, parts.runner, parts.clock),
    logger: parts.logger,
    tokensPerMinute: config.directLineTokensPerMinute,
    rateLimits: parts.rateLimits,
    addressOf: parts.addressOf,
    json: parts.json,
    origin: parts.origin,
  });
  // links are handed out only in mails (with SMTP_URL); a link already sent opens its conversation whatever the settings are now
  const resumeLinks = new ResumeLinks(
    config.tokenSecret,
    parts.clock,
    config.mail?.resumeLinkDays ?? DEFAULT_RESUME_LINK_DAYS,
    parts.origin,
  );
  registerResumeRoutes(server, { ...parts, tokens }, resumeLinks, limiters.tokens);
  return {
    store,
    /** The links back to a conversation that customers' mails carry. */
    resumeLinks,
    streams: new DirectLineStreams(store, tokens, links, adapter, parts.logger, limiters.streamUrls),
    /** Proactive turns in its conversations (agents' messages, notices); replies are pushed once stored and committed. */
    transport: { runTurn: (id: string, logic: (context: TurnContext) => Promise<void>) => adapter.runTurn(id, logic) },
    /** The customer's files uploaded here, read without an HTTP round trip. */
    localFiles: localFileSource(links, store),
    /** The sessions that resumes through a link have ended: the other instances tell of theirs (relayResumes). */
    sessions,
    /** Learns the resumes kept in the database that may still end sessions (at start; after the cluster bus was away). */
    readBackResumes: () => sessions.readBack((since) => store.resumedSince(since)),
    /** Calls `listener` once activities stored here are committed (for the other instances' streams). */
    onStored: (listener: (conversationId: string, watermark: number) => void) =>
      adapter.onActivities((conversationId, _activities, watermark) => listener(conversationId, watermark)),
  };
}
