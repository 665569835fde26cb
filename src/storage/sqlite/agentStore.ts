import type { Agent, AgentRole, AgentStore } from '../agentStore';
import type { Db } from './database';

export class SqliteAgentStore implements AgentStore {
  private readonly insertStmt;
  private readonly findStmt;
  private readonly hashStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO agents (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)');
    this.findStmt = db.prepare('SELECT username, display_name, role FROM agents WHERE username = ?');
    this.hashStmt = db.prepare('SELECT password_hash FROM agents WHERE username = ?');
  }

  // Accounts are written outside the turns' batches (at boot, by the agent:add script): committed at once.
  async insert(agent: Agent, passwordHash: string, createdAt: string): Promise<void> {
    this.insertStmt.run(agent.username, agent.displayName, agent.role, passwordHash, createdAt);
  }

  async find(username: string): Promise<Agent | null> {
    const row = this.findStmt.get(username) as { username: string; display_name: string; role: AgentRole } | undefined;
    return row ? { username: row.username, displayName: row.display_name, role: row.role } : null;
  }

  async passwordHash(username: string): Promise<string | null> {
    return (this.hashStmt.get(username) as { password_hash: string } | undefined)?.password_hash ?? null;
  }
}
