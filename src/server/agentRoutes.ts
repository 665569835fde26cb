import type { Request, Response, Server } from 'restify';
import type { AgentAccounts } from '../agents/agentAccounts';
import type { AgentTokens } from '../agents/agentTokens';
import type { ClaimService } from '../claims/claimService';
import type { Clock } from '../clock';
import type { RateLimits } from '../cluster/rateLimits';
import { CLAIM_STATUSES, type Claim } from '../domain/claim';
import { conversationOf } from '../domain/conversationKey';
import type { Policy } from '../domain/policy';
import type { TimerHours } from '../domain/responseTimers';
import { waitingTooLong } from '../domain/waitingTooLong';
import type { ClaimTimers } from '../handoff/claimTimers';
import { lastWords } from '../handoff/silenceWatch';
import type { Logger } from '../logger';
import type { ClaimRepository } from '../storage/claimRepository';
import type { Commits } from '../storage/commits';
import type { TranscriptEntry, TranscriptRepository } from '../storage/transcriptRepository';
import { anyOf, pageRequest, sendPage, single } from './agentQuery';
import { registerAgentVocabulary } from './agentVocabulary';
import { fail, route, sendJson } from './http';
import type { JsonBodies } from './jsonBody';
import { requireAgent } from './requireAgent';

export interface AgentRouteDeps {
  /** this instance's rate limits, or the cluster's (Redis) */
  rateLimits: RateLimits;
  accounts: AgentAccounts;
  tokens: AgentTokens;
  claims: ClaimService;
  repo: ClaimRepository;
  transcript: TranscriptRepository;
  logger: Logger;
  /** the client's address (behind a trusted proxy, from X-Forwarded-For) */
  addressOf: (req: Request) => string;
  /** JSON bodies within the server's memory budget */
  json: JsonBodies;
  /** an agent reads only what is committed, and is told of a change once it is */
  commits: Pick<Commits, 'durable' | 'readCommitted'>;
  /** the brand and window the console names */
  policy: Pick<Policy, 'brand' | 'window'>;
  /** the response timers each claim carries (computed from the claim's stamps, never stored; no transcript is read) */
  timers: ClaimTimers;
  clock: Clock;
  /** QUEUE_REOFFER_MINUTES: a claim waiting longer, in support time, is flagged (`waitingTooLong`) */
  reofferMs: number;
  /** SUPPORT_HOURS and their time zone, as the timers count them */
  hours: TimerHours;
}

/**
 * For a chat ended because the customer went silent: since when (the agent's last word they did not
 * answer); null for any other claim.
 */
function silentSince(claim: Claim, messages: TranscriptEntry[] | null): string | null {
  if (claim.status !== 'with_agent' || !claim.handoff.chatEndedAt || !messages) return null;
  return lastWords(messages).lastAgentAt?.toISOString() ?? null;
}

/** Login and the agents' read API over claims (design.md, "HTTP"). */
export function registerAgentRoutes(server: Server, deps: AgentRouteDeps): void {
  const { accounts, tokens, repo, transcript, logger, commits } = deps;
  /**
   * Claims as design.md shapes them, plus their computed `timers` (from the claim alone) and, for a chat
   * ended because the customer went silent, since when: only those few read their transcript.
   */
  const withTimers = (claims: Claim[]) =>
    Promise.all(
      claims.map(async (claim) => {
        const messages = claim.handoff.chatEndedAt ? await transcript.forConversation(conversationOf(claim)) : null;
        return { ...claim, timers: deps.timers(claim), silentSince: silentSince(claim, messages) };
      }),
    );
  const loginLimiter = deps.rateLimits('agent-login', 10, 60);
  const json = deps.json(64 * 1024);
  /** A claim as agents read it: with whether it has waited past the re-offer time, by the clock now. */
  const flagged = <C extends Claim>(claim: C) => ({
    ...claim,
    waitingTooLong: waitingTooLong(claim, deps.clock.now(), deps.reofferMs, deps.hours),
  });
  const flaggedPage = <P extends { items: Claim[] }>(page: P) => ({ ...page, items: page.items.map(flagged) });

  server.post(
    '/api/agent/login',
    json,
    route(logger, async (req: Request, res: Response) => {
      try {
        await loginLimiter.consume(deps.addressOf(req));
      } catch {
        fail('RATE_LIMITED');
      }
      const body = (req.body ?? {}) as { username?: unknown; password?: unknown };
      const agent = await accounts.authenticate(body.username, body.password);
      if (!agent) {
        // the account is named only when it exists: a password typed into the username box stays out of the log
        const known = typeof body.username === 'string' && (await accounts.find(body.username)) ? body.username : null;
        logger.warn({ username: known }, 'agent login refused');
        fail('BAD_CREDENTIALS');
      }
      // the password was right: the person may be told why they cannot come in
      if (agent === 'disabled') {
        logger.warn({ username: body.username }, 'agent login refused: account disabled');
        return fail('ACCOUNT_DISABLED');
      }
      const { tokenGeneration, ...signedIn } = agent!;
      const issued = tokens.issue(signedIn.username, signedIn.role, tokenGeneration);
      sendJson(res, 200, { token: issued.token, expiresAt: issued.expiresAt, agent: signedIn });
    }),
  );

  server.post(
    '/api/agent/logout',
    route(logger, async (req, res) => {
      const claims = await requireAgent(tokens, req);
      // revoking also ends the agent's open streams (AgentFeed listens), so presence drops at once
      await tokens.revoke(claims, new Date(claims.expiresAt));
      await commits.durable();
      sendJson(res, 200, { ok: true });
    }),
  );

  server.get(
    '/api/agent/claims',
    route(logger, async (req, res) => {
      await requireAgent(tokens, req);
      const statuses = anyOf(req, 'status', CLAIM_STATUSES);
      const conversationId = single(req, 'conversationId') || undefined;
      const { limit, cursor } = pageRequest(req);
      const page = await commits.readCommitted(async () => {
        const found = await repo.page({ conversationId, statuses }, limit, cursor);
        return { ...found, items: await withTimers(found.items) };
      });
      sendPage(req, res, flaggedPage(page), limit);
    }),
  );

  server.get(
    '/api/agent/claims/:id',
    route(logger, async (req, res) => {
      await requireAgent(tokens, req);
      const body = await commits.readCommitted(async () => {
        const claim = (await repo.get(String(req.params.id))) ?? fail('CLAIM_NOT_FOUND');
        const messages = await transcript.forConversation(conversationOf(claim));
        return {
          ...flagged(claim),
          timers: deps.timers(claim),
          silentSince: silentSince(claim, messages),
          transcript: messages,
          audit: await deps.claims.auditTrail(claim.id),
        };
      });
      sendJson(res, 200, body);
    }),
  );

  server.get(
    '/api/agent/queue',
    route(logger, async (req, res) => {
      await requireAgent(tokens, req);
      const { limit, cursor } = pageRequest(req);
      const page = await commits.readCommitted(async () => {
        const waiting = await repo.queue(limit, cursor);
        return { ...waiting, items: await withTimers(waiting.items) };
      });
      sendPage(req, res, flaggedPage(page), limit);
    }),
  );

  registerAgentVocabulary(server, { tokens, policy: deps.policy, logger });
}
