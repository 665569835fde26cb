import type * as restify from 'restify';
import { AgentAccounts } from './agents/agentAccounts';
import { AgentFeed } from './agents/agentFeed';
import { AgentManagement } from './agents/agentManagement';
import { AgentTokens } from './agents/agentTokens';
import { publishClaimChanges, publishCustomerActivity } from './agents/feedPublishers';
import { HttpDownloader } from './attachments/download';
import { FileRetention } from './attachments/fileRetention';
import { ProofUploads } from './attachments/proofUploads';
import { createChannelAdapter } from './channels/botFramework/createChannelAdapter';
import { BotFrameworkCustomerChannel } from './channels/botFramework/customerChannel';
import { registerMessages } from './channels/botFramework/messagesRoute';
import { createDirectLine } from './channels/directLine/directLine';
import { ClaimEvents } from './claims/claimEvents';
import type { ClaimService } from './claims/claimService';
import { decisionNotices } from './claims/decisionNotices';
import { type Clock, systemClock } from './clock';
import { ClusterBus } from './cluster/clusterBus';
import { ClusterPresence, PRESENCE_STALE_AFTER_MS } from './cluster/clusterPresence';
import { Lease, runOncePerCluster } from './cluster/lease';
import { rateLimits } from './cluster/rateLimits';
import { RedisConnection } from './cluster/redisConnection';
import {
  feedOfEveryInstance,
  readingNewsOverBus,
  relayDirectLine,
  relayLeasesGivenUp,
  relayResumes,
  relayRevocations,
  relayRoutingNudges,
  relaySignOuts,
} from './cluster/relays';
import { UsedTicketsInRedis } from './cluster/usedTicketsInRedis';
import type { Config } from './config/config';
import { loadPolicy } from './config/loadPolicy';
import { createBot } from './createBot';
import { conversationOf } from './domain/conversationKey';
import { waitingTooLong } from './domain/waitingTooLong';
import { greetCustomer } from './handoff/agentGreeting';
import { AgentPresence, type WhoIsOnline } from './handoff/agentPresence';
import { availability } from './handoff/availability';
import { agentMessage, serviceMessage } from './handoff/chatLines';
import { claimTimers } from './handoff/claimTimers';
import { SilenceWatch } from './handoff/silenceWatch';
import { createLogger, type Logger } from './logger';
import { agentDecisionMails } from './mail/agentDecisionMails';
import { CustomerMail } from './mail/customerMail';
import { OutboxSender } from './mail/outboxSender';
import type { ResumeLinks } from './mail/resumeLinks';
import { smtpTransport } from './mail/smtpTransport';
import { countClaimEvents } from './metrics/claimCounters';
import { OperatorMetrics } from './metrics/operatorMetrics';
import type { ProofReader } from './receipts/proofReadings';
import { ReaderPool, type ReaderPoolOptions } from './receipts/readerPool';
import { capacityOf } from './routing/capacity';
import { Router } from './routing/router';
import { routeOnClaimEvents, routerOnTimer } from './routing/routerTriggers';
import { countSeats } from './routing/seats';
import { ChannelReplies } from './runtime/channelReplies';
import { registerAgentApi } from './server/agentApi';
import { registerAgentMailRoutes } from './server/agentMailRoutes';
import { registerAgentStatsRoutes } from './server/agentStatsRoutes';
import { clientAddress, compileTrust } from './server/clientAddress';
import { createServer, listen } from './server/createServer';
import { registerHealth } from './server/health';
import { jsonBodies } from './server/jsonBody';
import { registerMetrics } from './server/metricsRoute';
import { registerPages } from './server/pages';
import { publicOrigin } from './server/publicOrigin';
import { refuseWhileDraining } from './server/refuseWhileDraining';
import { Shutdown } from './server/shutdown';
import { dispatchUpgrades } from './server/upgrades';
import { openStorage } from './storage/openStorage';
import type { SqliteStorageOptions } from './storage/sqlite/openSqliteStorage';
import type { Storage } from './storage/storage';
import { customerConversation } from './turns/customerConversation';
import { durableReplies } from './turns/durableReplies';
import { apologiseOnTurnError } from './turns/turnFailure';
import { TurnRunner } from './turns/turnRunner';
import { warmUpDateReader } from './warmUp';

export interface App {
  server: restify.Server;
  storage: Storage;
  /** The connection to the other instances (REDIS_URL), when there is one, and what they tell each other over it. */
  redis?: RedisConnection;
  bus?: ClusterBus;
  /** The agents online on this instance, or (with REDIS_URL) on any instance. */
  presence: WhoIsOnline & { onChange(listener: () => void): () => void };
  logger: Logger;
  claims: ClaimService;
  /** Gives waiting claims to agents and takes them back from agents gone; tests run its timer by hand (`tick`). */
  router: Router;
  /** Reminds silent customers and agents, ends chats of silent customers; tests run its timer by hand (`tick`). */
  silenceWatch: SilenceWatch;
  /** What sends the outbox's mail (SMTP_URL set); tests run its passes by hand. */
  mailSender?: OutboxSender;
  listen(): Promise<{ port: number }>;
  close(): Promise<void>;
}

/** The composition root: builds every part from the configuration and connects them; the parts do the work. */
export async function createApp(
  config: Config,
  options: {
    clock?: Clock;
    logger?: Logger;
    /** test hooks: SQLite's group commit; how often the router looks by itself (tests of its events set it far off) */
    groupCommit?: SqliteStorageOptions['groupCommit'];
    routingEveryMs?: number;
    /** test hook: the proof reader's worker script (tests run the TypeScript one) */
    readerWorker?: ReaderPoolOptions['worker'];
    /** test hook: a proof reader instead of the ReaderPool (RECEIPT_READER still decides whether files are read) */
    reader?: ProofReader;
  } = {},
): Promise<App> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);
  const policy = loadPolicy(config.policyFile);
  warmUpDateReader(clock, config.defaultTimeZone, policy);

  // storage, and who the agents are
  const storage = await openStorage(config, {
    clock,
    onBackgroundError: (error) => logger.error({ err: error, code: 'COMMIT_FAILED' }, 'database commit failed'),
    onIdleConnectionError: (error) => logger.warn({ err: error, code: 'DATABASE_CONNECTION_LOST' }, 'idle database connection lost'),
    groupCommit: options.groupCommit,
  });
  const redis = config.redis
    ? new RedisConnection(config.redis.url, config.redis.prefix, (error) =>
        logger.warn({ err: error, code: 'REDIS_CONNECTION' }, 'redis connection problem (it reconnects by itself)'),
      )
    : undefined;
  const limits = rateLimits(redis);
  // what the instances tell each other (Redis pub/sub), when there are several
  const bus = redis ? new ClusterBus(redis, (error) => logger.warn({ err: error, code: 'CLUSTER_BUS' }, 'cluster bus problem')) : undefined;
  const afterCommit = (callback: () => void) => storage.commits.afterCommit(callback);
  const events = new ClaimEvents((error, event) => logger.error({ err: error, event: event.type }, 'claim listener failed'));
  const downloads = new HttpDownloader();
  const uploads = new ProofUploads(config.dataDir, storage.proofFiles, storage.commits, downloads.download, clock);
  const accounts = new AgentAccounts(storage.agents, clock);
  const management = new AgentManagement(storage.agents, clock);
  if (config.bootstrapAgent) await accounts.ensure(config.bootstrapAgent.username, config.bootstrapAgent.password);
  // every instance of the deployment signs with the same key: the operator's, or the one kept with the data
  const tokenSecret = config.tokenSecret ?? (await storage.secrets.tokenSecret());
  const tokens = new AgentTokens(tokenSecret, config.agentTokenTtlMs, storage.revocations, clock);
  const presenceHere = new AgentPresence();
  const feed = new AgentFeed(tokens, presenceHere, logger);
  // an agent connected to any instance counts as online on every instance
  const clusterPresence = bus ? new ClusterPresence(presenceHere, bus, clock) : undefined;
  void clusterPresence?.start();
  const presence: App['presence'] = clusterPresence ?? presenceHere;
  // agents connected to any instance see what happens on every instance, and a logout ends their streams everywhere
  const toEveryAgent = feedOfEveryInstance(feed, bus, clusterPresence);
  if (bus) relayRevocations(bus, tokens, feed, afterCommit);
  // a disabled agent's (or one given a new password) streams close here at once, and on the other instances once it is committed
  management.onSignedOut((username) => feed.endSessionsOf((agent) => agent.username === username));
  if (bus) relaySignOuts(bus, management, feed, afterCommit);
  events.on(publishClaimChanges(toEveryAgent, afterCommit));
  // what operators scrape at /metrics; the Direct Line streams exist further down, read when scraped
  let directLineStreams = () => 0;
  const metrics = new OperatorMetrics({
    waiting: () => storage.claims.waiting(),
    agentsOnline: () => presence.countOnline(),
    outboxPending: () => storage.outbox.pending(),
    outboxFailed: () => storage.outbox.failed(),
    agentStreams: () => feed.connections(),
    directLineStreams: () => directLineStreams(),
    databaseReady: () => storage.isReady(),
    now: () => clock.now(),
  });
  events.on(countClaimEvents(metrics, afterCommit));

  // mail to customers (SMTP_URL): queued in the outbox with the turn, sent once that commits
  const mailSender = config.mail ? new OutboxSender(storage.outbox, smtpTransport(config.mail), clock, logger) : undefined;
  let resumeLinks: Pick<ResumeLinks, 'linkFor'> | undefined;
  const mail = config.mail
    ? new CustomerMail({
        outbox: storage.outbox,
        policy,
        clock,
        limits: config.mail.limits,
        linkFor: (conversation) => resumeLinks?.linkFor(conversation) ?? null,
        linkDays: config.mail.resumeLinkDays,
        transcriptOf: (claim) => storage.transcript.forConversation(conversationOf(claim)),
        queued: () => afterCommit(() => mailSender?.wake()),
      })
    : undefined;
  if (mail)
    events.on(
      agentDecisionMails(mail, (claimId, why) => logger.warn({ claimId, why, code: 'MAIL_REFUSED' }, "agent's decision not mailed")),
    );

  // the bot, the Bot Framework channels and the one runner of every turn
  const channelReplies = new ChannelReplies();
  const replies = config.behindHttpProxy ? undefined : channelReplies;
  const nextToTheWire = durableReplies(storage.commits);
  const adapter = createChannelAdapter(config.bot, { replies, transcript: storage.transcript, nextToTheWire, clock });
  const channel = new BotFrameworkCustomerChannel(adapter, config.bot.appId, storage.conversationReferences);
  const answerable = availability(presence, config, clock);
  const toAgents = publishCustomerActivity(toEveryAgent, afterCommit, clock);
  // the wait estimate counts the seats of the agents online on any instance, as the router does
  const seatsOfAgent = async (username: string) => capacityOf(config.routing, await accounts.find(username));
  const seats = async () => countSeats((clusterPresence ?? presenceHere).usernames(), seatsOfAgent, await storage.claims.openChats());
  const botParts = { storage, events, policy, clock, uploads, channel, availability: answerable, seats, toAgents, mail };
  // proof files are read on one worker thread (OCR takes a core), off the turn path
  const readerPool = config.receipts && !options.reader ? new ReaderPool({ workers: 1, worker: options.readerWorker }) : null;
  const { bot, claims } = createBot({
    ...botParts,
    defaultTimeZone: config.defaultTimeZone,
    reader: config.receipts ? (options.reader ?? readerPool ?? undefined) : undefined,
    receiptReadWaitMs: config.receipts?.waitMs,
    readLimitMs: readerPool?.longestReadMs,
    // a reading finished here reaches a decision taken on another instance
    readingNews: bus && config.receipts ? readingNewsOverBus(bus) : undefined,
    onReadingError: (error) => logger.error({ err: error }, 'storing a proof reading failed'),
  });
  adapter.onTurnError = apologiseOnTurnError(bot, logger);
  const runner = new TurnRunner(
    bot,
    storage.commits,
    config.turnsStartedPerPass,
    (error, attempt, of) =>
      logger.warn({ err: error, code: 'ETAG_CONFLICT', attempt: `${attempt}/${of}` }, 'dialog state written meanwhile: turn run again'),
    (seconds) => metrics.turnDone(seconds),
  );
  const inConversation = customerConversation(runner, channel, logger);
  events.on(
    decisionNotices({
      policy,
      // the decision stands when the customer cannot be reached (customerConversation logs it)
      inConversation: (claim, logic) => inConversation(claim, logic).catch(() => undefined),
      authorOf: (username) => accounts.authorOf(username),
      askHowWeDid: (context, claimId) => bot.proactive(context, { kind: 'csat', claimId }),
    }),
  );

  // HTTP: our Direct Line, the pages, the agents' API, the channels' endpoint, health
  const server = createServer(logger, config.publicUrl);
  const shutdown = new Shutdown();
  const closing = () => shutdown.closing;
  const requests = refuseWhileDraining(server, closing);
  const trust = compileTrust(config.trustProxy);
  const addressOf = (req: restify.Request) => clientAddress(req, trust);
  const json = jsonBodies(addressOf);
  const origin = publicOrigin(config, () => (server.address() as { port?: number } | null)?.port);
  const dlParts = {
    store: storage.directLine,
    clock,
    logger,
    runner,
    origin,
    addressOf,
    json,
    onTurnError: adapter.onTurnError,
    rateLimits: limits,
    // a stream ticket used on one instance opens nothing on another
    usedTickets: redis ? new UsedTicketsInRedis(redis, logger) : undefined,
  };
  const directLine = createDirectLine(server, { ...config, tokenSecret }, dlParts);
  directLineStreams = () => directLine.streams.connections();
  // the Direct Line store keeps every message already: the agent's transcript reads it there
  storage.transcript.readDirectLineFrom({ messages: (id) => directLine.store.messages(id) });
  channel.useDirectLine(directLine.transport);
  resumeLinks = directLine.resumeLinks;
  if (bus) relayDirectLine(bus, directLine);
  // a resume through a link ends the conversation's other sessions on every instance, those that began
  // before this instance started too: told over the bus from now on, read back from the database for before
  const readBackResumes = async () => {
    if (closing()) return;
    await directLine.readBackResumes().catch((error) => logger.error({ err: error, code: 'RESUMES_NOT_READ' }, 'resumes not read back'));
  };
  if (bus) {
    relayResumes(bus, directLine.sessions, () => void readBackResumes());
    // once the bus listens, again: a resume told before it did was missed (the instance starts without waiting)
    void bus.ready().then(readBackResumes);
  }
  await directLine.readBackResumes();
  uploads.useLocalSource(directLine.localFiles);
  const retention = new FileRetention(config.fileRetentionDays, clock, [
    (cutoff) => directLine.store.deleteFilesOlderThan(cutoff),
    (cutoff) => uploads.deleteOlderThan(cutoff),
    // mail sent or given up: its body is what the customer wrote, kept no longer than their files
    (cutoff) => storage.outbox.deleteDoneBefore(cutoff),
  ]);
  // On PostgreSQL every file is in its row: the sweep deletes rows of the shared database, once per
  // cluster, led through a lease. On SQLite the database and its files are this instance's own: it sweeps them itself.
  const retentionLease =
    redis && config.database
      ? new Lease(redis.client, {
          name: 'file-retention',
          onError: (error) => logger.warn({ err: error, code: 'LEASE_LOST', lease: 'file-retention' }, 'lease not renewed: not leading'),
        })
      : undefined;
  const sweeps = runOncePerCluster(
    { lead: () => retention.start((error) => logger.error({ err: error }, 'file retention sweep failed')), follow: () => retention.stop() },
    retentionLease,
  );
  // hand-off routing (AUTO_ASSIGN) and agents gone past their grace: once per cluster, like the sweep
  const greet = greetCustomer(inConversation, (username) => accounts.authorOf(username), policy.brand);
  /** When the timers and the re-offer flag count (SUPPORT_HOURS in SUPPORT_TIMEZONE). */
  const supportTime = { supportHours: config.supportHours, timeZone: config.supportTimeZone };
  const router = new Router({
    claims,
    repo: storage.claims,
    commits: storage.commits,
    notes: storage.notes,
    online: () => (clusterPresence ?? presenceHere).usernames(),
    capacityOf: seatsOfAgent,
    greet,
    tellCustomer: (claim, text) => inConversation(claim, async (context) => void (await context.sendActivity(serviceMessage(text)))),
    waitedTooLong: (claim) => waitingTooLong(claim, clock.now(), config.routing.reofferMs, supportTime),
    offerAgain: (claim) => toEveryAgent.publish({ type: 'claim.reoffered', claim }),
    config: config.routing,
    clock,
    logger,
    presenceSettleMs: clusterPresence ? PRESENCE_STALE_AFTER_MS : 0,
  });
  const routingLease =
    redis && config.database
      ? new Lease(redis.client, {
          name: 'routing',
          onError: (error) => logger.warn({ err: error, code: 'LEASE_LOST', lease: 'routing' }, 'lease not renewed: not leading'),
        })
      : undefined;
  // silence in agents' chats: led with the router, on its lease and its timer
  const silenceWatch = new SilenceWatch({
    claims,
    repo: storage.claims,
    commits: storage.commits,
    notes: storage.notes,
    transcriptOf: (claim) => storage.transcript.forConversation(conversationOf(claim)),
    nameOf: async (username) => (await accounts.authorOf(username)).name,
    tellCustomer: (claim, text) => inConversation(claim, async (context) => void (await context.sendActivity(serviceMessage(text)))),
    remindAgent: (claim, waitingSince) =>
      afterCommit(() =>
        toEveryAgent.publish({ type: 'agent.reminder', claimId: claim.id, agent: claim.handoff.agent as string, waitingSince }),
      ),
    seatFreed: () => void router.nudge(),
    mailOn: Boolean(mail),
    limits: config.silence,
    clock,
    logger,
  });
  // a lease given up by an instance that stops is taken by another at once
  if (bus && retentionLease && routingLease) relayLeasesGivenUp(bus, [retentionLease, routingLease]);
  const routing = runOncePerCluster(routerOnTimer(router, options.routingEveryMs, [silenceWatch]), routingLease);
  // a stream opened (a free seat) or closed (its grace starts), here or on another instance; the other
  // instances' heartbeats repeat who is there every few seconds, and call for no pass when nobody came or went
  const presenceChanged = () => {
    if (router.sawPresence()) void router.nudge();
  };
  presenceHere.onChange(presenceChanged);
  clusterPresence?.onChange(presenceChanged);
  events.on(routeOnClaimEvents(relayRoutingNudges(router, bus), afterCommit));
  registerPages(server, logger, origin);
  const agentParts = {
    storage,
    claims,
    accounts,
    management,
    tokens,
    feed,
    channel,
    bot,
    runner,
    uploads,
    policy,
    logger,
    addressOf,
    json,
    rateLimits: limits,
    clock,
    timers: claimTimers(clock, supportTime, config.timerTargets),
    reofferMs: config.routing.reofferMs,
    hours: supportTime,
    agentCapacity: config.routing.agentCapacity,
    router,
    autoAssign: config.routing.autoAssign,
    presence,
  };
  registerAgentApi(server, agentParts);
  registerAgentStatsRoutes(server, {
    stats: storage.stats,
    corrections: storage.corrections,
    tokens,
    logger,
    timeZone: config.supportTimeZone,
  });
  registerAgentMailRoutes(server, {
    repo: storage.claims,
    tokens,
    accounts,
    notes: storage.notes,
    logger,
    json,
    clock,
    commits: storage.commits,
    mail,
    outbox: storage.outbox,
    intoChat: (claim, text, author) =>
      inConversation(claim, async (context) => void (await context.sendActivity(agentMessage(text, author)))),
    queued: () => mailSender?.wake(),
  });
  dispatchUpgrades(server, logger, [feed, directLine.streams]);
  registerMessages(server, { adapter, runner, logger, localMode: config.bot.localMode, addressOf, json, closing });
  // ready when the database and, with REDIS_URL, Redis answer (and this instance hears the others)
  const isReady = async () => (await storage.isReady()) && (!redis || (await redis.isReady())) && (!bus || bus.listening);
  registerHealth(server, { isReady, logger, closing });
  registerMetrics(server, { metricsToken: config.metricsToken, addressOf, scrape: () => metrics.scrape(), logger });
  mailSender?.start();

  // the lease is given up at once (another instance takes the sweep over), before Redis is closed
  let leasesGivenUp: Promise<void> = Promise.resolve();
  const stopFirst = [
    () => (leasesGivenUp = Promise.all([sweeps.stop(), routing.stop()]).then(() => undefined)),
    () => feed.closeAll(),
    // after its agents' streams are closed: the goodbye says nobody is here any more
    () => clusterPresence?.stop(),
    () => directLine.streams.closeAll(),
  ];
  const closeLast = async () => {
    await leasesGivenUp;
    // the pass under way finishes (its mails marked) before the database closes
    await mailSender?.stop();
    // readings under way settle as "skipped: closed" while the database can still take them
    await readerPool?.close();
    await storage.close();
    await bus?.close();
    await redis?.close();
    await Promise.all([channelReplies.close(), downloads.close()]);
  };
  return {
    server,
    storage,
    redis,
    bus,
    presence,
    logger,
    claims,
    mailSender,
    router,
    silenceWatch,
    listen: () => listen(server, config.port, config.host),
    close: () => shutdown.close({ server, stopFirst, turns: runner, requests, closeLast }),
  };
}
