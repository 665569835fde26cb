import type { Db } from '../storage/database';
import { hashPassword, verifyPassword } from './passwords';

export type AgentRole = 'agent' | 'admin';
export interface Agent {
  username: string;
  displayName: string;
  role: AgentRole;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/i;

/** Agent accounts: usernames, display names, roles and scrypt password hashes. */
export class AgentAccounts {
  constructor(private readonly db: Db) {}

  async create(username: string, password: string, options: { displayName?: string; role?: AgentRole } = {}): Promise<Agent> {
    if (!USERNAME.test(username)) throw new Error('a username is 2-40 letters, digits, dots, dashes or underscores');
    if (password.length < 8) throw new Error('a password needs at least 8 characters');
    const agent: Agent = { username, displayName: options.displayName ?? username, role: options.role ?? 'agent' };
    const hash = await hashPassword(password);
    this.db
      .prepare('INSERT INTO agents (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(agent.username, agent.displayName, agent.role, hash, new Date().toISOString());
    return agent;
  }

  /** Creates the account from the environment unless it already exists. */
  async ensure(username: string, password: string, role: AgentRole = 'admin'): Promise<void> {
    if (!this.find(username)) await this.create(username, password, { role });
  }

  find(username: string): Agent | null {
    const row = this.db.prepare('SELECT username, display_name, role FROM agents WHERE username = ?').get(username) as
      | { username: string; display_name: string; role: AgentRole }
      | undefined;
    return row ? { username: row.username, displayName: row.display_name, role: row.role } : null;
  }

  /** The agent when the password is right; null otherwise (unknown user or wrong password alike). */
  async authenticate(username: unknown, password: unknown): Promise<Agent | null> {
    if (typeof username !== 'string' || typeof password !== 'string' || password.length > 1024) return null;
    const row = this.db.prepare('SELECT password_hash FROM agents WHERE username = ?').get(username) as
      | { password_hash: string }
      | undefined;
    if (!row) {
      await hashPassword(password); // same cost either way, so timing does not reveal usernames
      return null;
    }
    return (await verifyPassword(password, row.password_hash)) ? this.find(username) : null;
  }
}
