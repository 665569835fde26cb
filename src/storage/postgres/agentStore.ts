import {
  AGENT_COLUMNS,
  type Agent,
  type AgentAuditEntry,
  type AgentChange,
  type AgentChangeRefusal,
  type AgentRow,
  type AgentStore,
  agentOfRow,
  endsTokens,
  stopsBeingAdmin,
  withoutHash,
} from '../agentStore';
import type { PgDatabase } from './pgDatabase';

const AUDIT_INSERT = 'INSERT INTO agent_audit (username, actor, action, changes, at) VALUES ($1, $2, $3, $4, $5)';
const auditValues = (e: AgentAuditEntry) => [e.username, e.actor, e.action, JSON.stringify(e.changes), e.at];

export class PgAgentStore implements AgentStore {
  constructor(private readonly db: PgDatabase) {}

  async insert(agent: Agent, passwordHash: string, createdAt: string, audit?: AgentAuditEntry): Promise<void> {
    await this.db.atomically(async () => {
      await this.db.query(
        'INSERT INTO agents (username, display_name, role, capacity, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [agent.username, agent.displayName, agent.role, agent.capacity, passwordHash, createdAt],
      );
      if (audit) await this.db.query(AUDIT_INSERT, auditValues(audit));
    });
  }

  async find(username: string): Promise<Agent | null> {
    const { rows } = await this.db.query<AgentRow>(`SELECT ${AGENT_COLUMNS} FROM agents WHERE username = $1`, [username], 'agents_find');
    return rows[0] ? agentOfRow(rows[0]) : null;
  }

  async list(): Promise<Agent[]> {
    const { rows } = await this.db.query<AgentRow>(`SELECT ${AGENT_COLUMNS} FROM agents ORDER BY username`);
    return rows.map(agentOfRow);
  }

  async passwordHash(username: string): Promise<string | null> {
    const { rows } = await this.db.query<{ password_hash: string }>('SELECT password_hash FROM agents WHERE username = $1', [username]);
    return rows[0]?.password_hash ?? null;
  }

  async change(
    username: string,
    decide: (current: Agent) => { change: AgentChange; audit: AgentAuditEntry | null },
  ): Promise<Agent | AgentChangeRefusal> {
    return this.db.atomically(async () => {
      // the enabled admins are locked first, then the account: two admins demoting each other at once are served in turn,
      // and the second finds itself the last one
      const admins = await this.db.query<{ username: string }>(
        "SELECT username FROM agents WHERE role = 'admin' AND disabled_at IS NULL ORDER BY username FOR UPDATE",
      );
      const { rows } = await this.db.query<AgentRow>(`SELECT ${AGENT_COLUMNS} FROM agents WHERE username = $1 FOR UPDATE`, [username]);
      if (!rows[0]) return 'not_found';
      const current = agentOfRow(rows[0]);
      const { change, audit } = decide(current);
      if (stopsBeingAdmin(current, change) && !admins.rows.some((a) => a.username !== username)) return 'last_admin';
      const next: Agent = { ...current, ...withoutHash(change) };
      await this.db.query(
        `UPDATE agents SET display_name = $1, role = $2, capacity = $3, disabled_at = $4, password_hash = COALESCE($5, password_hash),
           token_generation = token_generation + $6 WHERE username = $7`,
        [next.displayName, next.role, next.capacity, next.disabledAt, change.passwordHash ?? null, endsTokens(change) ? 1 : 0, username],
      );
      if (audit) await this.db.query(AUDIT_INSERT, auditValues(audit));
      return next;
    });
  }

  async auditOf(username: string, limit: number): Promise<AgentAuditEntry[]> {
    const { rows } = await this.db.query<Omit<AgentAuditEntry, 'changes'> & { changes: string }>(
      'SELECT username, actor, action, changes, at FROM agent_audit WHERE username = $1 ORDER BY id DESC LIMIT $2',
      [username, limit],
    );
    return rows.map((row) => ({ ...row, changes: JSON.parse(row.changes) }));
  }

  async tokenGeneration(username: string): Promise<number> {
    const { rows } = await this.db.query<{ g: number }>('SELECT token_generation AS g FROM agents WHERE username = $1', [username]);
    return Number(rows[0]?.g ?? 0);
  }
}
