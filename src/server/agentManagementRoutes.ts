import type { Request, Response, Server } from 'restify';
import { type AgentAccounts, AgentExistsError, AgentFieldError } from '../agents/agentAccounts';
import { AgentChangeRefused, type AgentManagement } from '../agents/agentManagement';
import type { AgentTokens } from '../agents/agentTokens';
import { agentActor } from '../domain/claimLifecycle';
import type { Logger } from '../logger';
import { capacityOf } from '../routing/capacity';
import type { Router } from '../routing/router';
import type { ClaimRepository } from '../storage/claimRepository';
import type { Commits } from '../storage/commits';
import { fail, route, sendJson } from './http';
import type { JsonBodies } from './jsonBody';
import { requireAdmin } from './requireAgent';

export interface AgentManagementDeps {
  accounts: AgentAccounts;
  management: AgentManagement;
  tokens: AgentTokens;
  /** gives a disabled agent's chats back to the queue, as when their console is gone */
  router: Pick<Router, 'giveBackChatsOf'>;
  repo: Pick<ClaimRepository, 'openChats'>;
  logger: Logger;
  json: JsonBodies;
  commits: Pick<Commits, 'durable'>;
  /** AGENT_CAPACITY: the open chats of an agent without a capacity of their own */
  agentCapacity: number;
}

/** The admins' accounts API: add, list, edit, disable and enable agents, set a new password, read the audit trail. */
export function registerAgentManagementRoutes(server: Server, deps: AgentManagementDeps): void {
  const { accounts, management, tokens, logger, commits } = deps;
  const json = deps.json(8 * 1024);
  /** The account's rules and refusals as the catalogue's errors. */
  const managing = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AgentFieldError) fail('BAD_REQUEST', error.message);
      if (error instanceof AgentExistsError) fail('AGENT_EXISTS');
      if (error instanceof AgentChangeRefused) fail(error.refusal === 'last_admin' ? 'LAST_ADMIN' : 'AGENT_NOT_FOUND');
      throw error;
    }
  };
  const target = (req: Request) => String(req.params.username);
  const body = (req: Request) =>
    (req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {}) as Record<string, unknown>;
  /** Answers once the change is committed, so that the admin is never shown what a crash could take back. */
  const answer = async (res: Response, status: number, payload: unknown) => {
    await commits.durable();
    sendJson(res, status, payload);
  };

  server.get(
    '/api/agent/agents',
    route(logger, async (req, res) => {
      await requireAdmin(tokens, req);
      // each with their seats, for the Agents view's "1/3 chats"
      const open = await deps.repo.openChats();
      const items = (await management.list()).map((agent) => ({
        ...agent,
        openChats: open.get(agent.username) ?? 0,
        effectiveCapacity: capacityOf(deps, agent),
      }));
      sendJson(res, 200, { items });
    }),
  );

  server.post(
    '/api/agent/agents',
    json,
    route(logger, async (req, res) => {
      const admin = await requireAdmin(tokens, req);
      const { username, password, role, displayName, capacity } = body(req);
      if (typeof username !== 'string') fail('BAD_REQUEST', 'Send a username.');
      if (typeof password !== 'string') fail('BAD_REQUEST', 'Send a password.');
      if (displayName === undefined) fail('BAD_REQUEST', 'Send a displayName.');
      if (role === undefined) fail('BAD_REQUEST', 'Send a role: "agent" or "admin".');
      const agent = await managing(() =>
        accounts.create(
          username as string,
          password as string,
          { displayName: displayName as string, role: role as never, capacity: (capacity ?? null) as number | null },
          admin.username,
        ),
      );
      logger.info({ username: agent.username, role: agent.role, by: admin.username }, 'agent added');
      await answer(res, 201, agent);
    }),
  );

  server.patch(
    '/api/agent/agents/:username',
    json,
    route(logger, async (req, res) => {
      const admin = await requireAdmin(tokens, req);
      const { displayName, role, capacity } = body(req);
      const agent = await managing(() => management.edit(admin.username, target(req), { displayName, role, capacity }));
      await answer(res, 200, agent);
    }),
  );

  server.post(
    '/api/agent/agents/:username/disable',
    route(logger, async (req, res) => {
      const admin = await requireAdmin(tokens, req);
      const agent = await managing(() => management.disable(admin.username, target(req)));
      // their customers are not left waiting on someone who cannot answer: back to the queue, in their place
      const returned = await deps.router.giveBackChatsOf(
        agent.username,
        {
          note: `Back in the queue: ${agent.username} was disabled by ${admin.username}.`,
          by: agentActor(admin.username, admin.role),
        },
        true,
      );
      logger.info({ username: agent.username, by: admin.username, returned: returned.length }, 'agent disabled');
      await answer(res, 200, { ...agent, returnedClaims: returned.map((claim) => claim.id) });
    }),
  );

  server.post(
    '/api/agent/agents/:username/enable',
    route(logger, async (req, res) => {
      const admin = await requireAdmin(tokens, req);
      const agent = await managing(() => management.enable(admin.username, target(req)));
      logger.info({ username: agent.username, by: admin.username }, 'agent enabled');
      await answer(res, 200, agent);
    }),
  );

  server.post(
    '/api/agent/agents/:username/password',
    json,
    route(logger, async (req, res) => {
      const admin = await requireAdmin(tokens, req);
      const agent = await managing(() => management.resetPassword(admin.username, target(req), body(req).password));
      logger.info({ username: agent.username, by: admin.username }, 'agent password set by an admin');
      await answer(res, 200, agent);
    }),
  );

  server.get(
    '/api/agent/agents/:username/audit',
    route(logger, async (req, res) => {
      await requireAdmin(tokens, req);
      if (!(await accounts.find(target(req)))) fail('AGENT_NOT_FOUND');
      sendJson(res, 200, { items: await management.auditOf(target(req)) });
    }),
  );
}
