import type { ClaimStatus } from '../domain/claim';

export interface AuditEntry {
  claimId: string;
  from: ClaimStatus;
  to: ClaimStatus;
  action: string;
  actorKind: string;
  actorId: string | null;
  at: string;
}

/** Every status change of a claim and who made it, written in the same commit as the claim. */
export interface ClaimAudit {
  record(entry: AuditEntry): Promise<void>;
  /** A claim's status changes, oldest first. */
  of(claimId: string): Promise<AuditEntry[]>;
}
