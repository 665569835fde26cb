import type { Server } from 'restify';
import type { AgentTokens } from '../agents/agentTokens';
import type { ClaimService } from '../claims/claimService';
import type { Clock } from '../clock';
import { claimEligibility } from '../domain/claimEligibility';
import { agentActor } from '../domain/claimLifecycle';
import { type FactCorrection, readCorrection } from '../domain/factCorrection';
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

const shown = (value: string | null) => (value === null ? '(none)' : `"${value}"`);
const noteOf = (c: FactCorrection, suggested: string) =>
  `Corrected ${c.field.replace('_', ' ')}: ${shown(c.oldValue)} → ${shown(c.newValue)}` +
  (c.customerWords ? ` (the customer said: "${c.customerWords}")` : '') +
  `. Suggested decision: ${suggested}.`;

/**
 * Agents set a claim's facts right (issue 21): the correction, its record and a note on the claim are kept
 * in one commit; the answer carries the policy's decision on the corrected facts, which the console
 * pre-selects — resolving stays the agent's act (POST …/resolve).
 */
export function registerAgentCorrections(server: Server, deps: AgentCorrectionDeps): void {
  const { claims, repo, corrections, notes, tokens, policy, logger, commits, clock } = deps;
  const json = deps.json(16 * 1024);

  server.post(
    '/api/agent/claims/:id/corrections',
    json,
    route(logger, async (req, res) => {
      const agent = await requireAgent(tokens, req);
      const { field, value } = (req.body ?? {}) as { field?: unknown; value?: unknown };
      const id = String(req.params.id);
      const at = clock.now().toISOString();
      const done = await commits.atomically(async () => {
        let correction: FactCorrection | undefined;
        // read against the claim under its lock, once this agent may correct it: the old value is the one replaced
        const claim = await claims.correctFact(id, agentActor(agent.username, agent.role), (locked) => {
          const reading = readCorrection(locked, field, value, policy);
          if (!reading.ok) return fail('BAD_REQUEST', reading.problem);
          correction = reading.correction;
          correction.apply(locked);
        });
        if (!correction) throw new Error('correctFact returned without applying the correction');
        const suggested = claimEligibility(claim, policy.window.days);
        await corrections.record({
          claimId: id,
          field: correction.field,
          oldValue: correction.oldValue,
          newValue: correction.newValue,
          agent: agent.username,
          at,
          customerWords: correction.customerWords,
        });
        await notes.add(id, { author: agent.username, text: noteOf(correction, suggested.outcome), createdAt: at });
        return { claim, correction, suggested };
      });
      await commits.durable();
      const { claim, correction, suggested } = done;
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
