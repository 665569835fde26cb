import type { Agent, AgentRole, AgentStore } from '../storage/agentStore';
import { hashPassword, verifyPassword } from './passwords';

export type { Agent, AgentRole } from '../storage/agentStore';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/i;

/** Agent accounts: usernames, display names, roles and scrypt password hashes. */
export class AgentAccounts {
  constructor(private readonly store: AgentStore) {}

  async create(username: string, password: string, options: { displayName?: string; role?: AgentRole } = {}): Promise<Agent> {
    if (!USERNAME.test(username)) throw new Error('a username is 2-40 letters, digits, dots, dashes or underscores');
    if (password.length < 8) throw new Error('a password needs at least 8 characters');
    const agent: Agent = { username, displayName: options.displayName ?? username, role: options.role ?? 'agent' };
    const hash = await hashPassword(password);
    await this.store.insert(agent, hash, new Date().toISOString());
    return agent;
  }

  /**
   * Creates the account from the environment unless it already exists. Instances started together
   * (a deploy) may all find it missing: the one whose insert loses to another's finds it made.
   */
  async ensure(username: string, password: string, role: AgentRole = 'admin'): Promise<void> {
    if (await this.find(username)) return;
    try {
      await this.create(username, password, { role });
    } catch (error) {
      if (!(await this.find(username))) throw error;
    }
  }

  find(username: string): Promise<Agent | null> {
    return this.store.find(username);
  }

  /** How an agent signs what they send the customer (`channelData.agentAuthor`). */
  async authorOf(username: string): Promise<{ username: string; name: string }> {
    return { username, name: (await this.find(username))?.displayName ?? username };
  }

  /** The agent when the password is right; null otherwise (unknown user or wrong password alike). */
  async authenticate(username: unknown, password: unknown): Promise<Agent | null> {
    if (typeof username !== 'string' || typeof password !== 'string' || password.length > 1024) return null;
    const passwordHash = await this.store.passwordHash(username);
    if (passwordHash === null) {
      await hashPassword(password); // same cost either way, so timing does not reveal usernames
      return null;
    }
    return (await verifyPassword(password, passwordHash)) ? this.find(username) : null;
  }
}
