export type AgentRole = 'agent' | 'admin';
export interface Agent {
  username: string;
  displayName: string;
  role: AgentRole;
  /** open chats at once; null: the AGENT_CAPACITY default */
  capacity: number | null;
  /** when an admin disabled the account; null while it may sign in */
  disabledAt: string | null;
}

/** What an admin may change on an account; a field left out stays as it is. */
export interface AgentChange {
  displayName?: string;
  role?: AgentRole;
  capacity?: number | null;
  disabledAt?: string | null;
  passwordHash?: string;
}

/** One change to an account: who made it (an admin's username, or `system` for the boot account and the script). */
export interface AgentAuditEntry {
  username: string;
  actor: string;
  action: 'create' | 'update' | 'disable' | 'enable' | 'reset_password';
  /** the fields changed, before and after (never a password or its hash) */
  changes: Record<string, { from: unknown; to: unknown }>;
  at: string;
}

/**
 * Why a change was not made: no such account, or it would leave no enabled admin (an account
 * disabled or demoted was the last one).
 */
export type AgentChangeRefusal = 'not_found' | 'last_admin';

/** Agent accounts, their password hashes and the audit trail of their changes. */
export interface AgentStore {
  /** Creates the account and its `create` audit row together; throws on a username that exists. */
  insert(agent: Agent, passwordHash: string, createdAt: string, audit?: AgentAuditEntry): Promise<void>;
  find(username: string): Promise<Agent | null>;
  /** Every account, by username. */
  list(): Promise<Agent[]>;
  passwordHash(username: string): Promise<string | null>;
  /**
   * Changes an account and records `audit` with it, atomically; one enabled admin always remains
   * (concurrent demotions are served one after the other). A disable or a new password also ends
   * every token issued before it (the account's token generation moves on). Returns the account
   * after the change, or why it was refused (nothing written then).
   */
  change(
    username: string,
    change: (current: Agent) => { change: AgentChange; audit: AgentAuditEntry | null },
  ): Promise<Agent | AgentChangeRefusal>;
  /** The account's audit trail, newest first, at most `limit` rows. */
  auditOf(username: string, limit: number): Promise<AgentAuditEntry[]>;
  /** The generation tokens are issued under (see TokenRevocations.standing). */
  tokenGeneration(username: string): Promise<number>;
}

/** Whether a change leaves the account unable to act as an admin. */
export const stopsBeingAdmin = (current: Agent, change: AgentChange): boolean =>
  current.role === 'admin' && current.disabledAt === null && ((change.role ?? 'admin') !== 'admin' || Boolean(change.disabledAt));

/** Whether a change ends the account's existing tokens: disabled, or a new password. */
export const endsTokens = (change: AgentChange): boolean => Boolean(change.disabledAt) || change.passwordHash !== undefined;

/** The account's fields a change sets (the hash is no field of the account). */
export function withoutHash(change: AgentChange): Partial<Agent> {
  const { passwordHash: _hash, ...fields } = change;
  return fields;
}

/** An agents row as both stores read it (the columns below), and the account it is. */
export interface AgentRow {
  username: string;
  display_name: string;
  role: AgentRole;
  capacity: number | null;
  disabled_at: string | null;
}
export const AGENT_COLUMNS = 'username, display_name, role, capacity, disabled_at';
export const agentOfRow = (row: AgentRow): Agent => ({
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  capacity: row.capacity,
  disabledAt: row.disabled_at,
});
