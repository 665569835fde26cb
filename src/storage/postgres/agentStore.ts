import type { Agent, AgentRole, AgentStore } from '../agentStore';
import type { PgDatabase } from './pgDatabase';

export class PgAgentStore implements AgentStore {
  constructor(private readonly db: PgDatabase) {}

  async insert(agent: Agent, passwordHash: string, createdAt: string): Promise<void> {
    await this.db.query('INSERT INTO agents (username, display_name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)', [
      agent.username,
      agent.displayName,
      agent.role,
      passwordHash,
      createdAt,
    ]);
  }

  async find(username: string): Promise<Agent | null> {
    const { rows } = await this.db.query<{ username: string; display_name: string; role: AgentRole }>(
      'SELECT username, display_name, role FROM agents WHERE username = $1',
      [username],
      'agents_find',
    );
    return rows[0] ? { username: rows[0].username, displayName: rows[0].display_name, role: rows[0].role } : null;
  }

  async passwordHash(username: string): Promise<string | null> {
    const { rows } = await this.db.query<{ password_hash: string }>('SELECT password_hash FROM agents WHERE username = $1', [username]);
    return rows[0]?.password_hash ?? null;
  }
}
