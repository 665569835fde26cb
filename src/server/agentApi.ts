import type { Request, Server } from 'restify';
import type { AgentAccounts } from '../agents/agentAccounts';
import type { AgentFeed } from '../agents/agentFeed';
import type { AgentManagement } from '../agents/agentManagement';
import type { AgentTokens } from '../agents/agentTokens';
import type { ProofUploads } from '../attachments/proofUploads';
import type { WarrantyBot } from '../bot/warrantyBot';
import type { BotFrameworkCustomerChannel } from '../channels/botFramework/customerChannel';
import type { ClaimService } from '../claims/claimService';
import type { Clock } from '../clock';
import type { RateLimits } from '../cluster/rateLimits';
import type { Policy } from '../domain/policy';
import type { TimerHours } from '../domain/responseTimers';
import type { WhoIsOnline } from '../handoff/agentPresence';
import type { ClaimTimers } from '../handoff/claimTimers';
import type { Logger } from '../logger';
import type { Router } from '../routing/router';
import type { Storage } from '../storage/storage';
import type { TurnRunner } from '../turns/turnRunner';
import { registerAgentActions } from './agentActionRoutes';
import { registerAgentCorrections } from './agentCorrectionRoutes';
import { registerAgentManagementRoutes } from './agentManagementRoutes';
import { registerAgentRoutes } from './agentRoutes';
import type { JsonBodies } from './jsonBody';

export interface AgentApiParts {
  storage: Pick<Storage, 'claims' | 'notes' | 'transcript' | 'commits' | 'corrections'>;
  claims: ClaimService;
  accounts: AgentAccounts;
  /** what admins do to accounts */
  management: AgentManagement;
  tokens: AgentTokens;
  feed: AgentFeed;
  channel: BotFrameworkCustomerChannel;
  bot: WarrantyBot;
  runner: TurnRunner;
  uploads: ProofUploads;
  policy: Policy;
  logger: Logger;
  addressOf: (req: Request) => string;
  /** JSON bodies within the server's memory budget */
  json: JsonBodies;
  /** this instance's rate limits, or the cluster's (Redis) */
  rateLimits: RateLimits;
  clock: Clock;
  /** the response timers each claim carries */
  timers: ClaimTimers;
  /** QUEUE_REOFFER_MINUTES: a claim waiting longer (in support time) is flagged in the agents' lists */
  reofferMs: number;
  /** SUPPORT_HOURS: the re-offer time counts within them, as the timers do */
  hours: TimerHours;
  /** AGENT_CAPACITY: the open chats of an agent without a capacity of their own */
  agentCapacity: number;
  router: Pick<Router, 'giveBackChatsOf'>;
  /** AUTO_ASSIGN, which the console reads from GET /api/agent/me */
  autoAssign: boolean;
  /** whose agent stream is connected (on any instance) */
  presence: Pick<WhoIsOnline, 'isOnline'>;
}

/** The agents' API (`/api/agent/*`): signing in, the queue and claims, what agents do with them, and admins with accounts. */
export function registerAgentApi(server: Server, parts: AgentApiParts): void {
  const { storage, ...rest } = parts;
  const fromStorage = { repo: storage.claims, notes: storage.notes, transcript: storage.transcript, commits: storage.commits };
  registerAgentRoutes(server, { ...rest, ...fromStorage });
  registerAgentActions(server, { ...rest, ...fromStorage });
  registerAgentManagementRoutes(server, { ...rest, ...fromStorage });
  registerAgentCorrections(server, { ...rest, ...fromStorage, corrections: storage.corrections });
}
