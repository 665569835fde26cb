import type { AgentFeed, AgentFeedEvent } from '../agents/agentFeed';
import type { AgentManagement } from '../agents/agentManagement';
import type { AgentTokens } from '../agents/agentTokens';
import type { EndedSessions } from '../channels/directLine/endedSessions';
import type { ProofReading } from '../domain/receipts/claimReceipt';
import type { ReadingNews, ReadingNewsChannel } from '../receipts/readingsElsewhere';
import type { ClusterBus } from './clusterBus';
import type { ClusterPresence } from './clusterPresence';
import type { Lease } from './lease';

/** The bus channel on which an instance says it stored Direct Line activities. */
const DIRECT_LINE_STORED = 'directline.stored';
/** The bus channel of the agents' live feed (claim changes, customers' messages and typing). */
const AGENT_FEED = 'agents.feed';
/** The bus channel on which an instance says an agent's token was revoked (a logout). */
const TOKEN_REVOKED = 'agents.token-revoked';
/** The bus channel on which an instance says an account's tokens stopped working (disabled, a new password). */
const ACCOUNT_SIGNED_OUT = 'agents.signed-out';
/** The bus channel on which an instance says a link resumed a conversation (its other sessions have ended). */
const DIRECT_LINE_RESUMED = 'directline.resumed';
/** The bus channel on which an instance says it gave a lease up (it is stopping). */
const LEASE_GIVEN_UP = 'lease.given-up';

/**
 * The agents' feed as every instance sees it: an event published here reaches this instance's
 * agents and, with the bus, the agents connected to every other instance — when there are some:
 * every turn changes its claim, and every instance would parse each change for consoles nobody has
 * open. An agent who connects elsewhere is announced at once (clusterPresence), and their console
 * reads its lists when its stream opens; but that read may come before this instance hears the
 * announcement, and what it published in between went nowhere. So when it first hears of agents
 * elsewhere it tells their consoles to read again (feed.resync), after anything it kept to itself.
 */
export function feedOfEveryInstance(
  feed: Pick<AgentFeed, 'publish' | 'endRevokedSessions'>,
  bus: Pick<ClusterBus, 'subscribe' | 'publish' | 'onResumed'> | undefined,
  elsewhere?: Pick<ClusterPresence, 'anyOnlineElsewhere' | 'onChange'>,
): Pick<AgentFeed, 'publish'> {
  if (!bus) return feed;
  // not awaited: with Redis away at start the subscription waits for it, and the instance starts anyway
  void bus.subscribe(AGENT_FEED, (message) => feed.publish(message.event as AgentFeedEvent));
  // what the other instances published while Redis was away is lost: this instance's consoles read again
  bus.onResumed(() => {
    feed.publish({ type: 'feed.resync' });
    // a logout relayed while Redis was away never arrived: the open streams' tokens are checked again now
    void feed.endRevokedSessions();
  });
  const agentsElsewhere = () => elsewhere?.anyOnlineElsewhere() ?? true;
  // whether what this instance publishes goes out, as last seen: false, events may have stayed here
  let relaying = agentsElsewhere();
  elsewhere?.onChange(() => {
    const now = agentsElsewhere();
    if (now && !relaying) bus.publish(AGENT_FEED, { event: { type: 'feed.resync' } });
    relaying = now;
  });
  return {
    publish: (event) => {
      feed.publish(event);
      relaying = agentsElsewhere();
      if (relaying) bus.publish(AGENT_FEED, { event });
    },
  };
}

/**
 * A customer's stream may be open on another instance than the one that stored their activities:
 * each instance says what it stored, and the others' streams read the rest from the database.
 */
export function relayDirectLine(
  bus: ClusterBus,
  directLine: {
    onStored(listener: (conversationId: string, watermark: number) => void): void;
    streams: { catchUp(conversationId: string): void; catchUpAll(): void };
  },
): void {
  directLine.onStored((conversationId, watermark) => bus.publish(DIRECT_LINE_STORED, { conversationId, watermark }));
  void bus.subscribe(DIRECT_LINE_STORED, (message) => directLine.streams.catchUp(String(message.conversationId)));
  // notices published while Redis was away are lost: every stream here reads what it was not sent
  bus.onResumed(() => directLine.streams.catchUpAll());
}

/**
 * A logout on one instance ends that token's agent streams on every instance at once. The refusal
 * itself does not depend on this (each request reads the revocations from the database); the bus
 * only closes streams that were opened before it. Told once the revocation is committed, so a
 * console that reconnects on hearing it is refused.
 */
export function relayRevocations(
  bus: ClusterBus,
  tokens: Pick<AgentTokens, 'onRevoke'>,
  feed: Pick<AgentFeed, 'endSessionsOf'>,
  afterCommit: (callback: () => void) => void,
): void {
  tokens.onRevoke((revoked) => afterCommit(() => bus.publish(TOKEN_REVOKED, { tokenId: revoked.tokenId })));
  void bus.subscribe(TOKEN_REVOKED, (message) => {
    if (typeof message.tokenId !== 'string') return;
    feed.endSessionsOf((agent) => agent.tokenId === message.tokenId);
  });
}

/**
 * An admin disabling an agent (or setting their password) on one instance ends that agent's streams
 * on every instance at once. As with logouts, requests are refused without it (each reads the
 * account with the token's revocation), and each instance rechecks its open streams now and then.
 */
export function relaySignOuts(
  bus: ClusterBus,
  management: Pick<AgentManagement, 'onSignedOut'>,
  feed: Pick<AgentFeed, 'endSessionsOf'>,
  afterCommit: (callback: () => void) => void,
): void {
  management.onSignedOut((username) => afterCommit(() => bus.publish(ACCOUNT_SIGNED_OUT, { username })));
  void bus.subscribe(ACCOUNT_SIGNED_OUT, (message) => {
    if (typeof message.username !== 'string') return;
    feed.endSessionsOf((agent) => agent.username === message.username);
  });
}

/**
 * A resume through a link on one instance ends the conversation's other sessions on every instance: each
 * one refuses their tokens and stream tickets from then on, and closes their streams open there. Told
 * once the resume is committed (the resume route waits for it). What the bus loses while Redis is away
 * is read back from the database when it returns, as at start (`readBack`).
 */
export function relayResumes(
  bus: ClusterBus,
  sessions: Pick<EndedSessions, 'learn' | 'onEnded'>,
  /** reads the resumes back from the database (and reports its own failure) */
  readBack: () => void,
): void {
  sessions.onEnded((conversationId, resume, madeHere) => {
    if (madeHere) bus.publish(DIRECT_LINE_RESUMED, { conversationId, at: resume.at, sessionId: resume.sessionId });
  });
  void bus.subscribe(DIRECT_LINE_RESUMED, (message) => {
    const { conversationId, at, sessionId } = message;
    if (typeof conversationId !== 'string' || typeof at !== 'number' || typeof sessionId !== 'string') return;
    sessions.learn(conversationId, { at, sessionId });
  });
  bus.onResumed(readBack);
}

/** The bus channel on which an instance says the router should look again (a claim waits, a seat is free). */
const ROUTING_NUDGED = 'routing.nudged';

/**
 * The router leads on one instance, but hand-offs and freed seats happen on any: each is said on the
 * bus, so the leader's pass runs at once rather than at its next tick. Returns the nudge to call here.
 */
export function relayRoutingNudges(router: { nudge(): Promise<void> }, bus: ClusterBus | undefined): () => void {
  if (!bus) return () => void router.nudge();
  void bus.subscribe(ROUTING_NUDGED, () => void router.nudge());
  return () => {
    void router.nudge();
    bus.publish(ROUTING_NUDGED, {});
  };
}

/**
 * A leader that stops gives its lease up; the others would take it at their next try, up to a third of
 * the TTL later, and meanwhile nobody routes hand-offs (or sweeps). Told on the bus, they try at once:
 * a rolling deploy leaves no gap. A lost notice costs only that wait.
 */
export function relayLeasesGivenUp(bus: ClusterBus, leases: readonly Lease[]): void {
  for (const lease of leases) lease.onGivenUp(() => bus.publish(LEASE_GIVEN_UP, { name: lease.name }));
  void bus.subscribe(LEASE_GIVEN_UP, (message) => {
    for (const lease of leases) if (lease.name === message.name) void lease.tick();
  });
}

/** The bus channel on which an instance says it read a proof file, with the reading. */
const RECEIPT_READ = 'receipt.read';

/**
 * A proof file is read on the instance that took its upload; the claim's decision may be taken on
 * another. The reading itself goes over the bus (the deciding turn holds the claim's row, so the
 * database cannot hand it over in time); the reader stores it too. Subscribed at start: a reading
 * announced before a decision asks for it is heard all the same. A lost announcement costs that
 * decision one wait (RECEIPT_READ_WAIT_MS), and the claim goes on without the reading, as when the
 * reader is slow.
 */
export function readingNewsOverBus(bus: Pick<ClusterBus, 'subscribe' | 'publish'>): ReadingNewsChannel {
  const listeners: Array<(news: ReadingNews) => void> = [];
  void bus.subscribe(RECEIPT_READ, (message) => {
    const { claimId, fileId, reading } = message;
    if (typeof claimId !== 'string' || typeof fileId !== 'string' || !isReading(reading)) return;
    for (const listener of listeners) listener({ claimId, fileId, reading });
  });
  return {
    announce: (news) => bus.publish(RECEIPT_READ, { ...news }),
    onAnnounced: (listener) => void listeners.push(listener),
  };
}

const isReading = (value: unknown): value is ProofReading =>
  typeof value === 'object' && value !== null && typeof (value as { status?: unknown }).status === 'string';
