import type { Server } from 'restify';
import type { AgentTokens } from '../agents/agentTokens';
import type { ClaimService } from '../claims/claimService';
import { FactCorrections } from '../claims/factCorrections';
import type { Clock } from '../clock';
import type { Policy } from '../domain/policy';
import type { Logger } from '../logger';
import type { ClaimCorrections } from '../storage/claimCorrections';
import type { ClaimNotes } from '../storage/claimNotes';
import type { ClaimRepository } from '../storage/claimRepository';
import type { Commits } from '../storage/commits';
import { fail, route, sendJson } from './http';
import type { JsonBodies } from './jsonBody';
import { requireAgent } from './requireAgent';

export interface AgentCorrectionDeps {
  claims: ClaimService;
  repo: ClaimRepository;
  corrections: ClaimCorrections;
  notes: ClaimNotes;
  tokens: AgentTokens;
  policy: Policy;
  logger: Logger;
  json: JsonBodies;
  commits: Pick<Commits, 'durable' | 'readCommitted' | 'atomically'>;
  clock: Clock;
}

/**
 * Agents set a claim's facts right (claims/factCorrections.ts); the answer carries the policy's decision
 * on the corrected facts, which the console pre-selects — resolving stays the agent's act (POST …/resolve).
 */
export function registerAgentCorrections(server: Server, deps: AgentCorrectionDeps): void {
  const { repo, corrections, tokens, logger, commits } = deps;
  const factCorrections = new FactCorrections(deps);
  const json = deps.json(16 * 1024);

  server.post(
    '/api/agent/claims/:id/corrections',
    json,
    route(logger, async (req, res) => {
      const agent = await requireAgent(tokens, req);
      const { field, value } = (req.body ?? {}) as { field?: unknown; value?: unknown };
      const { claim, correction, suggested } = await factCorrections.correct(String(req.params.id), agent, field, value);
      await commits.durable();
      sendJson(res, 200, {
        claim,
        correction: { field: correction.field, oldValue: correction.oldValue, newValue: correction.newValue },
        suggested: { outcome: suggested.outcome, reasons: suggested.reasons, handoffReason: suggested.handoffReason },
      });
    }),
  );

  server.get(
    '/api/agent/claims/:id/corrections',
    route(logger, async (req, res) => {
      await requireAgent(tokens, req);
      const id = String(req.params.id);
      const list = await commits.readCommitted(async () => {
        (await repo.get(id)) ?? fail('CLAIM_NOT_FOUND');
        return corrections.of(id);
      });
      sendJson(res, 200, list);
    }),
  );
}
