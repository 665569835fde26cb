import type * as restify from 'restify';
import { AgentAccounts } from './agents/agentAccounts';
import { AgentFeed } from './agents/agentFeed';
import { AgentTokens } from './agents/agentTokens';
import { publishClaimChanges, publishCustomerActivity } from './agents/feedPublishers';
import { HttpDownloader } from './attachments/download';
import { FileRetention } from './attachments/fileRetention';
import { ProofUploads } from './attachments/proofUploads';
import { ChannelReplies } from './channels/botFramework/channelReplies';
import { createChannelAdapter } from './channels/botFramework/createChannelAdapter';
import { BotFrameworkCustomerChannel } from './channels/botFramework/customerChannel';
import { registerMessages } from './channels/botFramework/messagesRoute';
import { createDirectLine } from './channels/directLine/directLine';
import { ClaimEvents } from './claims/claimEvents';
import type { ClaimService } from './claims/claimService';
import { type Clock, systemClock } from './clock';
import type { Config } from './config/config';
import { loadPolicy } from './config/loadPolicy';
import { createBot } from './createBot';
import { AgentPresence } from './handoff/agentPresence';
import { availability } from './handoff/availability';
import { createLogger, type Logger } from './logger';
import { registerAgentActions } from './server/agentActionRoutes';
import { registerAgentRoutes } from './server/agentRoutes';
import { clientAddress, compileTrust } from './server/clientAddress';
import { createServer, listen } from './server/createServer';
import { registerHealth } from './server/health';
import { registerPages } from './server/pages';
import { publicOrigin } from './server/publicOrigin';
import { Shutdown } from './server/shutdown';
import { dispatchUpgrades } from './server/upgrades';
import { ClaimRepository } from './storage/claimRepository';
import { type Db, openDatabase } from './storage/database';
import { GroupCommit, type GroupCommitOptions } from './storage/groupCommit';
import { TranscriptRepository } from './storage/transcriptRepository';
import { WalCheckpointer } from './storage/walCheckpointer';
import { durableReplies } from './turns/durableReplies';
import { apologiseOnTurnError } from './turns/turnFailure';
import { TurnRunner } from './turns/turnRunner';
import { warmUpDateReader } from './warmUp';

export interface App {
  server: restify.Server;
  db: Db;
  logger: Logger;
  claims: ClaimService;
  listen(): Promise<{ port: number }>;
  close(): Promise<void>;
}

/** The composition root: builds every part from the configuration and connects them; the parts do the work. */
export async function createApp(
  config: Config,
  options: { clock?: Clock; logger?: Logger /** test hooks */; groupCommit?: GroupCommitOptions } = {},
): Promise<App> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);
  const policy = loadPolicy(config.policyFile);
  warmUpDateReader(clock, config.defaultTimeZone, policy);

  // storage, and what agents see and do
  const db = openDatabase(config.dataDir);
  const checkpointer = WalCheckpointer.start(db);
  const onCommitError = (error: unknown) => logger.error({ err: error, code: 'COMMIT_FAILED' }, 'database commit failed');
  const commits = new GroupCommit(db, onCommitError, options.groupCommit);
  const afterCommit = (callback: () => void) => commits.afterCommit(callback);
  const repo = new ClaimRepository(db, commits);
  const transcript = new TranscriptRepository(db, commits);
  const events = new ClaimEvents((error, event) => logger.error({ err: error, event: event.type }, 'claim listener failed'));
  const downloads = new HttpDownloader();
  const uploads = new ProofUploads(config.dataDir, db, commits, downloads.download, clock);
  const accounts = new AgentAccounts(db);
  if (config.bootstrapAgent) await accounts.ensure(config.bootstrapAgent.username, config.bootstrapAgent.password);
  const tokens = new AgentTokens(config.tokenSecret, config.agentTokenTtlMs, db, clock);
  const presence = new AgentPresence();
  const feed = new AgentFeed(tokens, presence, logger);
  const answerable = availability(presence, config, clock);
  events.on(publishClaimChanges(feed, afterCommit));

  // the bot, the Bot Framework channels and the one runner of every turn
  const channelReplies = new ChannelReplies();
  const adapter = createChannelAdapter(config.bot, {
    replies: config.behindHttpProxy ? undefined : channelReplies,
    transcript,
    nextToTheWire: durableReplies(commits),
  });
  const channel = new BotFrameworkCustomerChannel(adapter, config.bot.appId, db, commits);
  const parts = { db, commits, repo, events, policy, clock, uploads, channel, availability: answerable };
  const { bot, claims } = createBot({
    ...parts,
    defaultTimeZone: config.defaultTimeZone,
    toAgents: publishCustomerActivity(feed, afterCommit),
  });
  adapter.onTurnError = apologiseOnTurnError(bot, logger);
  const runner = new TurnRunner(bot, commits, config.turnsStartedPerPass);

  // HTTP: our Direct Line, the pages, the agents' API, the channels' endpoint
  const server = createServer(logger, config.publicUrl);
  const shutdown = new Shutdown();
  const trust = compileTrust(config.trustProxy);
  const addressOf = (req: restify.Request) => clientAddress(req, trust);
  const origin = publicOrigin(config, () => (server.address() as { port?: number } | null)?.port);
  const onTurnError = adapter.onTurnError;
  const directLine = createDirectLine(server, config, { db, commits, clock, logger, runner, origin, addressOf, onTurnError });
  // the Direct Line store keeps every message already: the agent's transcript reads it there
  transcript.readDirectLineFrom({ messages: (id) => directLine.store.messages(id) });
  channel.useDirectLine(directLine.transport);
  uploads.useLocalSource(directLine.localFiles);
  const retention = new FileRetention(config.fileRetentionDays, clock, [
    (cutoff) => directLine.store.deleteFilesOlderThan(cutoff),
    (cutoff) => uploads.deleteOlderThan(cutoff),
  ]);
  retention.start((error) => logger.error({ err: error }, 'file retention sweep failed'));
  registerPages(server, logger, origin);
  registerAgentActions(server, {
    claims,
    events,
    repo,
    tokens,
    accounts,
    channel,
    bot,
    runner,
    feed,
    uploads,
    policy,
    db,
    logger,
    commits,
  });
  dispatchUpgrades(server, logger, [feed, directLine.streams]);
  const closing = () => shutdown.closing;
  registerMessages(server, { adapter, runner, logger, localMode: config.bot.localMode, addressOf, closing });
  registerHealth(server, { db, logger, closing });
  registerAgentRoutes(server, { accounts, tokens, claims, repo, transcript, logger, addressOf, commits, policy });

  return {
    server,
    db,
    logger,
    claims,
    listen: () => listen(server, config.port, config.host),
    close: () =>
      shutdown.close({
        server,
        stopFirst: [() => retention.stop(), () => feed.closeAll(), () => directLine.streams.closeAll()],
        turns: runner,
        closeLast: async () => {
          await checkpointer.stop();
          await Promise.all([channelReplies.close(), downloads.close()]);
          db.close();
        },
      }),
  };
}
