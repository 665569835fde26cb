import type { Clock } from '../clock';
import type { Claim } from '../domain/claim';
import { claimEligibility } from '../domain/claimEligibility';
import { agentActor } from '../domain/claimLifecycle';
import type { Eligibility } from '../domain/eligibility';
import { type FactCorrection, readCorrection } from '../domain/factCorrection';
import type { Policy } from '../domain/policy';
import { fail } from '../errors';
import type { ClaimCorrections } from '../storage/claimCorrections';
import type { ClaimNotes } from '../storage/claimNotes';
import type { Commits } from '../storage/commits';
import type { ClaimService } from './claimService';

/** A correction made: the claim as corrected, what changed, and the policy's decision on the new facts. */
export interface CorrectedFact {
  claim: Claim;
  correction: FactCorrection;
  suggested: Eligibility;
}

const shown = (value: string | null) => (value === null ? '(none)' : `"${value}"`);
const FIELD_WORDS: Record<FactCorrection['field'], string> = {
  purchase_date: 'purchase date',
  product: 'product',
  proof_type: 'proof type',
  conditions: 'conditions',
  receipt: 'receipt reading',
};
const noteOf = (c: FactCorrection, suggested: string) =>
  `Corrected ${FIELD_WORDS[c.field]}: ${shown(c.oldValue)} → ${shown(c.newValue)}` +
  (c.customerWords ? ` (the customer said: "${c.customerWords}")` : '') +
  `. Suggested decision: ${suggested}.`;

/**
 * Agents set a claim's facts right (issue 21): the correction, its record and a note on the claim are
 * kept in one commit, and the policy's decision on the corrected facts is suggested — deciding stays the
 * agent's act (resolve).
 */
export class FactCorrections {
  constructor(
    private readonly parts: {
      claims: Pick<ClaimService, 'correctFact'>;
      corrections: Pick<ClaimCorrections, 'record'>;
      notes: Pick<ClaimNotes, 'add'>;
      commits: Pick<Commits, 'atomically'>;
      policy: Policy;
      clock: Clock;
    },
  ) {}

  /** `agent` sets `field` of claim `id` to `value` (read as domain/factCorrection.ts says); a bad value is a 400. */
  correct(id: string, agent: { username: string; role: string }, field: unknown, value: unknown): Promise<CorrectedFact> {
    const { claims, corrections, notes, commits, policy, clock } = this.parts;
    const at = clock.now().toISOString();
    return commits.atomically(async () => {
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
  }
}
