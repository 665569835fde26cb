import type { Clock } from '../clock';
import type { Agent, AgentAuditEntry, AgentChange, AgentChangeRefusal, AgentStore } from '../storage/agentStore';
import { AgentFieldError, valid } from './agentAccounts';
import { readCapacity, readDisplayName, readPassword, readRole } from './agentFields';
import { hashPassword } from './passwords';

/** The fields an admin may edit, as sent (each one optional; capacity null resets it to the default). */
export interface AgentEdit {
  displayName?: unknown;
  role?: unknown;
  capacity?: unknown;
}

/** The change was refused: the account is missing, or it is the last enabled admin. */
export class AgentChangeRefused extends Error {
  override name = 'AgentChangeRefused';
  constructor(readonly refusal: AgentChangeRefusal) {
    super(refusal);
  }
}

/** How many audit rows an admin reads of one account. */
export const AUDIT_ROWS = 100;

/**
 * What admins do to accounts besides creating them: edit, disable, enable, set a new password.
 * Every change is recorded in the account's audit trail with the admin who made it; one enabled
 * admin always remains. A disable or a new password ends the account's tokens (the store moves its
 * token generation on); `onSignedOut` listeners then close what those tokens opened (agent streams).
 */
export class AgentManagement {
  private readonly signedOut: ((username: string) => void)[] = [];

  constructor(
    private readonly store: AgentStore,
    private readonly clock: Clock,
  ) {}

  list(): Promise<Agent[]> {
    return this.store.list();
  }

  auditOf(username: string): Promise<AgentAuditEntry[]> {
    return this.store.auditOf(username, AUDIT_ROWS);
  }

  /** Called with the username whenever an account's tokens stop working (disabled, new password). */
  onSignedOut(listener: (username: string) => void): void {
    this.signedOut.push(listener);
  }

  /** Changes the display name, role or capacity; the fields not sent stay as they are. */
  edit(actor: string, username: string, edit: AgentEdit): Promise<Agent> {
    const change: AgentChange = {};
    if (edit.displayName !== undefined) change.displayName = valid(readDisplayName(edit.displayName));
    if (edit.role !== undefined) change.role = valid(readRole(edit.role));
    if (edit.capacity !== undefined) change.capacity = valid(readCapacity(edit.capacity));
    if (Object.keys(change).length === 0) throw new AgentFieldError('Send displayName, role or capacity to change.');
    return this.apply(actor, username, 'update', change);
  }

  disable(actor: string, username: string): Promise<Agent> {
    return this.apply(actor, username, 'disable', { disabledAt: this.clock.now().toISOString() });
  }

  enable(actor: string, username: string): Promise<Agent> {
    return this.apply(actor, username, 'enable', { disabledAt: null });
  }

  async resetPassword(actor: string, username: string, password: unknown): Promise<Agent> {
    const hash = await hashPassword(valid(readPassword(password)));
    return this.apply(actor, username, 'reset_password', { passwordHash: hash });
  }

  private async apply(actor: string, username: string, action: AgentAuditEntry['action'], wanted: AgentChange): Promise<Agent> {
    const at = this.clock.now().toISOString();
    const result = await this.store.change(username, (current) => {
      // a disable of a disabled account keeps its first date; an edit that changes nothing leaves no row
      const change = action === 'disable' && current.disabledAt ? {} : wanted;
      const changes = changedFields(current, change);
      const recorded = Object.keys(changes).length > 0 || action === 'reset_password';
      return { change, audit: recorded ? { username, actor, action, changes, at } : null };
    });
    if (typeof result === 'string') throw new AgentChangeRefused(result);
    if (wanted.passwordHash !== undefined || (action === 'disable' && result.disabledAt))
      for (const listener of this.signedOut) listener(username);
    return result;
  }
}

/** The fields that change, before and after; the password hash is never one of them. */
function changedFields(current: Agent, change: AgentChange): AgentAuditEntry['changes'] {
  const changes: AgentAuditEntry['changes'] = {};
  for (const field of ['displayName', 'role', 'capacity', 'disabledAt'] as const) {
    if (change[field] !== undefined && change[field] !== current[field]) changes[field] = { from: current[field], to: change[field] };
  }
  return changes;
}
