import { ConfigurationServiceClientCredentialFactory, type TurnContext } from 'botbuilder';
import * as restify from 'restify';
import { AgentAccounts } from './agents/agentAccounts';
import { AgentFeed } from './agents/agentFeed';
import { AgentTokens } from './agents/agentTokens';
import { HttpDownloader } from './attachments/download';
import { FileRetention } from './attachments/fileRetention';
import { ProofUploads } from './attachments/proofUploads';
import { agentIdentityMiddleware } from './bot/agentIdentityMiddleware';
import { ChannelAdapter } from './bot/channelAdapter';
import { ChannelReplies, usesHttpProxy } from './bot/channelReplies';
import { conversationScope } from './bot/conversationScope';
import { BotFrameworkCustomerChannel } from './bot/customerChannel';
import { createDialogServices } from './bot/dialogServices';
import { COMMIT_AT_ONCE, durableReplies } from './bot/durableReplies';
import { checkIncomingActivity } from './bot/incomingActivity';
import { replyCoalescer } from './bot/replyCoalescer';
import { ReusedClientsBotFrameworkAuthentication } from './bot/reusedConnectorClients';
import { transcriptMiddleware } from './bot/transcriptMiddleware';
import { bringsFileToDownload, TurnAdmission } from './bot/turnAdmission';
import { FAILURE_GOES_TO_CALLER } from './bot/turnFailure';
import { TurnQueue } from './bot/turnQueue';
import { WarrantyBot } from './bot/warrantyBot';
import { ClaimEvents } from './claims/claimEvents';
import { ClaimService } from './claims/claimService';
import { type Clock, systemClock } from './clock';
import type { Config } from './config/config';
import { loadPolicy } from './config/loadPolicy';
import { DirectLineAdapter } from './directline/directLineAdapter';
import { DirectLineStreams, registerDirectLine } from './directline/directLineRoutes';
import { DirectLineTokens } from './directline/directLineTokens';
import { FileLinks } from './directline/fileLinks';
import { channelOfServiceUrl, DIRECT_LINE_CHANNEL, keyText } from './domain/conversationKey';
import { readPurchaseDate } from './domain/dates/readPurchaseDate';
import { isWithinSupportHours } from './domain/supportHours';
import { AppError } from './errors';
import { AgentPresence } from './handoff/agentPresence';
import { handoffNotices } from './handoff/handoffNotices';
import { WaitingRoom } from './handoff/waitingRoom';
import { createLogger, type Logger } from './logger';
import { registerAgentActions } from './server/agentActionRoutes';
import { registerAgentRoutes } from './server/agentRoutes';
import { clientAddress, compileTrust } from './server/clientAddress';
import { isLoopbackAddress, isLoopbackUrl, route, sendError, sendJson } from './server/http';
import { jsonBody } from './server/jsonBody';
import { registerPages } from './server/pages';
import { publicOrigin } from './server/publicOrigin';
import { useOurErrorShape } from './server/restifyErrors';
import { EtagConversationState } from './storage/etagState';
import { openSqliteStorage, type SqliteStorageOptions } from './storage/sqlite/openSqliteStorage';
import type { Storage } from './storage/storage';

export interface App {
  server: restify.Server;
  storage: Storage;
  logger: Logger;
  claims: ClaimService;
  listen(): Promise<{ port: number }>;
  close(): Promise<void>;
}

/** The composition root: builds every part from the configuration and wires them together. */
export async function createApp(
  config: Config,
  options: { clock?: Clock; logger?: Logger /** test hooks */; groupCommit?: SqliteStorageOptions['groupCommit'] } = {},
): Promise<App> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);
  const policy = loadPolicy(config.policyFile);
  // The first reads compile chrono's and our own patterns (~150 ms): pay that now, not in a customer's turn.
  for (const text of ['I bought it on March 3rd', 'about 2 weeks ago', '03/04/2026', 'last friday', 'my camera stopped working'])
    readPurchaseDate(text, clock.now(), config.defaultTimeZone, { windowDays: policy.window.days });
  const storage = openSqliteStorage(config.dataDir, {
    clock,
    onCommitError: (error) => logger.error({ err: error, code: 'COMMIT_FAILED' }, 'database commit failed'),
    groupCommit: options.groupCommit,
  });
  const { commits, claims: repo, transcript } = storage;
  const events = new ClaimEvents((error, event) => logger.error({ err: error, event: event.type }, 'claim listener failed'));
  const claims = new ClaimService(storage, policy, clock, events);
  const downloads = new HttpDownloader();
  const uploads = new ProofUploads(config.dataDir, storage.proofFiles, commits, downloads.download, clock);
  const accounts = new AgentAccounts(storage.agents);
  if (config.bootstrapAgent) await accounts.ensure(config.bootstrapAgent.username, config.bootstrapAgent.password);
  const tokens = new AgentTokens(config.tokenSecret, config.agentTokenTtlMs, storage.revocations, clock);
  const presence = new AgentPresence();
  const feed = new AgentFeed(tokens, presence, logger);
  // someone can answer now: an agent is connected, within the support hours (if set)
  const availability = {
    anyOnline: () =>
      presence.anyOnline() && (!config.supportHours || isWithinSupportHours(config.supportHours, clock.now(), config.supportTimeZone)),
  };
  // agents, like customers, see a change once it is committed (never, if the commit fails)
  events.on((event) => {
    if (event.type === 'claim.updated' || event.type === 'claim.decided' || event.type === 'handoff.requested')
      commits.afterCommit(() => feed.publish({ type: 'claim.updated', claim: event.claim }));
  });

  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    MicrosoftAppType: config.bot.appType ?? 'MultiTenant',
    MicrosoftAppTenantId: config.bot.tenantId ?? '',
  });
  const channelReplies = new ChannelReplies();
  const auth = new ReusedClientsBotFrameworkAuthentication(
    {
      MicrosoftAppId: config.bot.appId ?? '',
      MicrosoftAppType: config.bot.appType ?? 'MultiTenant',
      MicrosoftAppTenantId: config.bot.tenantId ?? '',
    },
    credentials,
    // behind an HTTP proxy, replies keep the framework's client: it is the one that honours the proxy settings
    { replies: usesHttpProxy(process.env) ? undefined : channelReplies },
  );
  const adapter = new ChannelAdapter(auth);
  // the conversation is the one of the serviceUrl's origin (the route accepted only http(s) ones)
  adapter.use(conversationScope((context) => channelOfServiceUrl(context.activity.serviceUrl)));
  adapter.use(replyCoalescer());
  adapter.use(agentIdentityMiddleware());
  adapter.use(transcriptMiddleware(transcript));
  adapter.use(durableReplies(commits)); // last: next to the wire
  const channel = new BotFrameworkCustomerChannel(adapter, config.bot.appId, storage.conversationReferences);
  events.on(handoffNotices(channel, availability, repo));

  const services = createDialogServices({ claims, clock, uploads, defaultTimeZone: config.defaultTimeZone });
  const conversationState = new EtagConversationState(storage.botState);
  const bot = new WarrantyBot({
    conversationState,
    services,
    claims,
    waitingRoom: new WaitingRoom(claims, repo, availability, (claim, context) => {
      const activity = context.activity;
      if (activity.type === 'typing') return commits.afterCommit(() => feed.publish({ type: 'customer.typing', claimId: claim.id }));
      const message = {
        type: 'customer.message',
        claimId: claim.id,
        conversationId: claim.conversationId,
        text: activity.text ?? null,
        attachments: (activity.attachments ?? []).map((a) => ({ name: a.name })),
        timestamp: new Date().toISOString(),
      } as const;
      commits.afterCommit(() => feed.publish(message));
    }),
    channel,
    defaultTimeZone: config.defaultTimeZone,
  });

  adapter.onTurnError = async (context, error) => {
    // an agent's turn: the agent is told it failed; the customer's dialogs stay as they are
    if (context.turnState.get(FAILURE_GOES_TO_CALLER)) throw error;
    logger.error({ err: error, conversationId: context.activity.conversation?.id, code: 'TURN_FAILED' }, 'turn failed');
    try {
      await context.sendActivity(
        'Sorry, something went wrong on my side. Your claim is saved — please send your last answer again, or say "talk to a person".',
      );
      await bot.resetDialogs(context);
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the customer about the failed turn');
    }
  };

  const trust = compileTrust(config.trustProxy);
  const addressOf = (req: restify.Request) => clientAddress(req, trust);
  const server = restify.createServer({ name: 'qsee-warranty-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.pre((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    if (config.publicUrl?.startsWith('https:')) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    return next();
  });
  const channelBody = jsonBody(512 * 1024);
  useOurErrorShape(server, logger);

  // A turn's writes are committed before its HTTP response says it was handled: with the pass
  // (group commit), or, for a turn that went ahead (it brings a file, so it made a round trip
  // more), as soon as it is done: one commit more per upload, and the upload's p50 was lower in
  // four of four same-run pairs.
  const botTurn =
    (commitAtOnce: boolean) =>
    async (context: TurnContext): Promise<void> => {
      if (commitAtOnce) context.turnState.set(COMMIT_AT_ONCE, true);
      await bot.onTurn(context);
      if (commitAtOnce) commits.flush();
      else await commits.durable();
    };
  const runBotTurn = botTurn(false);
  const runTurnAhead = botTurn(true);
  const turns = new TurnQueue(config.turnsStartedPerPass > 0 ? new TurnAdmission(config.turnsStartedPerPass) : undefined);
  let inFlight = 0;
  let closing = false;
  const trackTurn = async <T>(work: Promise<T>): Promise<T> => {
    inFlight++;
    try {
      return await work;
    } finally {
      inFlight--;
    }
  };

  // Our own Direct Line: the help page's chat. Turns run here; replies never leave the process.
  const dlStore = storage.directLine;
  const dlTokens = new DirectLineTokens(config.tokenSecret, clock);
  const origin = publicOrigin(config, () => (server.address() as { port?: number } | null)?.port);
  const dlLinks = new FileLinks(config.tokenSecret, clock, origin);
  const dlAdapter = new DirectLineAdapter(dlStore);
  // every turn of this adapter came in on our Direct Line (its routes checked the token's conversation)
  dlAdapter.use(conversationScope(() => DIRECT_LINE_CHANNEL));
  dlAdapter.use(replyCoalescer());
  dlAdapter.use(agentIdentityMiddleware());
  // the Direct Line store keeps every message already: the agent's transcript reads it there
  transcript.readDirectLineFrom({ messages: (id) => dlStore.messages(id) });
  dlAdapter.onTurnError = adapter.onTurnError;
  // Direct Line replies are pushed only once stored and committed (DirectLineAdapter.publish)
  channel.useDirectLine({ runTurn: (id, logic) => dlAdapter.runTurn(id, logic) });
  uploads.useLocalSource(async (url) => {
    const local = dlLinks.resolve(url);
    if (!local) return null;
    return 'refused' in local ? local.refused : ((await dlStore.file(local.fileId))?.data ?? 'download_failed');
  });
  const retention = new FileRetention(config.fileRetentionDays, clock, [
    (cutoff) => dlStore.deleteFilesOlderThan(cutoff),
    (cutoff) => uploads.deleteOlderThan(cutoff),
  ]);
  retention.start((error) => logger.error({ err: error }, 'file retention sweep failed'));
  registerDirectLine(server, {
    store: dlStore,
    tokens: dlTokens,
    links: dlLinks,
    adapter: dlAdapter,
    turns,
    logger,
    runTurn: runBotTurn,
    trackTurn,
    tokensPerMinute: config.directLineTokensPerMinute,
    addressOf,
    origin,
  });
  registerPages(server, logger, origin);
  registerAgentActions(server, {
    claims,
    repo,
    tokens,
    accounts,
    channel,
    bot,
    turns,
    feed,
    uploads,
    policy,
    notes: storage.notes,
    logger,
    commits,
  });
  const dlStreams = new DirectLineStreams(dlStore, dlTokens, dlLinks, dlAdapter, logger);
  server.server.on('upgrade', (req, socket, head) => {
    // Node takes its own error listener off an upgraded socket: an unheard error (the client gone mid-handshake) would end the process
    socket.on('error', (error) => logger.debug({ err: error }, 'upgrade socket error'));
    try {
      if (feed.handleUpgrade(req, socket, head) || dlStreams.handleUpgrade(req, socket, head)) return;
      socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    } catch (error) {
      // an event handler that throws ends the process: a request line such as "GET //" makes new URL() throw
      logger.warn({ err: error }, 'upgrade refused');
      socket.write('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    }
    socket.destroy();
  });
  server.post(
    '/api/messages',
    channelBody,
    route(logger, async (req, res) => {
      if (closing) return sendError(res, new AppError('NOT_READY'));
      const activity = req.body as { serviceUrl?: unknown; attachments?: unknown };
      const { channel: channelOrigin, conversationId } = checkIncomingActivity(activity);
      if (config.bot.localMode && (!isLoopbackAddress(addressOf(req)) || !isLoopbackUrl(activity.serviceUrl))) {
        return sendError(res, new AppError('LOCAL_MODE_ONLY_LOOPBACK'));
      }
      // the conversation of this channel (its serviceUrl's origin): the same id elsewhere is another one
      const key = keyText({ channel: channelOrigin, id: conversationId });
      // a customer's file costs its turn a second round trip (the download from the channel):
      // starting that turn first keeps it from being the slowest answer of the claim
      const bringsFile = bringsFileToDownload(activity);
      await trackTurn(turns.run(key, () => adapter.handle(req, res, bringsFile ? runTurnAhead : runBotTurn), bringsFile));
    }),
  );

  const health = route(logger, (_req, res) => {
    if (closing || !storage.isReady()) return sendError(res, new AppError('NOT_READY'));
    sendJson(res, 200, { status: 'ok' });
  });
  server.get('/healthz', health);
  server.head('/healthz', health); // load balancers that check with HEAD

  registerAgentRoutes(server, { accounts, tokens, claims, repo, transcript, logger, addressOf, commits });

  return {
    server,
    storage,
    logger,
    claims,
    listen: () =>
      new Promise((resolve) => {
        server.listen(config.port, config.host, () => resolve({ port: (server.address() as { port: number }).port }));
      }),
    close: async () => {
      closing = true;
      retention.stop();
      feed.closeAll();
      dlStreams.closeAll();
      // stop accepting; idle keep-alive sockets would hold close() open, so drop them
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections();
      const deadline = Date.now() + 10_000;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      server.server.closeAllConnections();
      await closed;
      await storage.close();
      await Promise.all([channelReplies.close(), downloads.close()]);
    },
  };
}
