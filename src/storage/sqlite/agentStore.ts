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
import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

export class SqliteAgentStore implements AgentStore {
  private readonly insertStmt;
  private readonly findStmt;
  private readonly listStmt;
  private readonly hashStmt;
  private readonly otherAdminsStmt;
  private readonly updateStmt;
  private readonly auditStmt;
  private readonly auditOfStmt;
  private readonly generationStmt;

  constructor(
    private readonly db: Db,
    private readonly commits?: GroupCommit,
  ) {
    this.insertStmt = db.prepare(
      'INSERT INTO agents (username, display_name, role, capacity, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.findStmt = db.prepare(`SELECT ${AGENT_COLUMNS} FROM agents WHERE username = ?`);
    this.listStmt = db.prepare(`SELECT ${AGENT_COLUMNS} FROM agents ORDER BY username`);
    this.hashStmt = db.prepare('SELECT password_hash FROM agents WHERE username = ?');
    this.otherAdminsStmt = db.prepare("SELECT COUNT(*) AS n FROM agents WHERE role = 'admin' AND disabled_at IS NULL AND username <> ?");
    this.updateStmt = db.prepare(
      `UPDATE agents SET display_name = ?, role = ?, capacity = ?, disabled_at = ?, password_hash = COALESCE(?, password_hash),
         token_generation = token_generation + ? WHERE username = ?`,
    );
    this.auditStmt = db.prepare('INSERT INTO agent_audit (username, actor, action, changes, at) VALUES (?, ?, ?, ?, ?)');
    this.auditOfStmt = db.prepare(
      'SELECT username, actor, action, changes, at FROM agent_audit WHERE username = ? ORDER BY id DESC LIMIT ?',
    );
    this.generationStmt = db.prepare('SELECT token_generation AS g FROM agents WHERE username = ?');
  }

  // Accounts are written outside the turns' batches (at boot, by the agent:add script, by an admin): each
  // write joins the tick's batch when there is one (the route waits for it), else commits at once.
  async insert(agent: Agent, passwordHash: string, createdAt: string, audit?: AgentAuditEntry): Promise<void> {
    this.commits?.join();
    this.db.transaction(() => {
      this.insertStmt.run(agent.username, agent.displayName, agent.role, agent.capacity, passwordHash, createdAt);
      if (audit) this.record(audit);
    })();
  }

  async find(username: string): Promise<Agent | null> {
    const row = this.findStmt.get(username) as AgentRow | undefined;
    return row ? agentOfRow(row) : null;
  }

  async list(): Promise<Agent[]> {
    return (this.listStmt.all() as AgentRow[]).map(agentOfRow);
  }

  async passwordHash(username: string): Promise<string | null> {
    return (this.hashStmt.get(username) as { password_hash: string } | undefined)?.password_hash ?? null;
  }

  // One process owns the file and this runs without awaiting: the read, the rule and the write cannot interleave with another change.
  async change(
    username: string,
    decide: (current: Agent) => { change: AgentChange; audit: AgentAuditEntry | null },
  ): Promise<Agent | AgentChangeRefusal> {
    const row = this.findStmt.get(username) as AgentRow | undefined;
    if (!row) return 'not_found';
    const current = agentOfRow(row);
    const { change, audit } = decide(current);
    if (stopsBeingAdmin(current, change) && (this.otherAdminsStmt.get(username) as { n: number }).n === 0) return 'last_admin';
    const next: Agent = { ...current, ...withoutHash(change) };
    this.commits?.join();
    this.db.transaction(() => {
      this.updateStmt.run(
        next.displayName,
        next.role,
        next.capacity,
        next.disabledAt,
        change.passwordHash ?? null,
        endsTokens(change) ? 1 : 0,
        username,
      );
      if (audit) this.record(audit);
    })();
    return next;
  }

  async auditOf(username: string, limit: number): Promise<AgentAuditEntry[]> {
    const rows = this.auditOfStmt.all(username, limit) as (Omit<AgentAuditEntry, 'changes'> & { changes: string })[];
    return rows.map((row) => ({ ...row, changes: JSON.parse(row.changes) }));
  }

  async tokenGeneration(username: string): Promise<number> {
    return (this.generationStmt.get(username) as { g: number } | undefined)?.g ?? 0;
  }

  private record(entry: AgentAuditEntry): void {
    this.auditStmt.run(entry.username, entry.actor, entry.action, JSON.stringify(entry.changes), entry.at);
  }
}
