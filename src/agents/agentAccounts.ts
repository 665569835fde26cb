import { type Clock, systemClock } from '../clock';
import type { Agent, AgentRole, AgentStore } from '../storage/agentStore';
import { readCapacity, readDisplayName, readPassword, readRole, readUsername } from './agentFields';
import { hashPassword, verifyPassword } from './passwords';

export type { Agent, AgentRole } from '../storage/agentStore';

/** An account's fields broke a rule (agentFields.ts): the message says which. */
export class AgentFieldError extends Error {
  override name = 'AgentFieldError';
}

/** The username is taken. */
export class AgentExistsError extends Error {
  override name = 'AgentExistsError';
}

/** Why a sign-in was refused: the password was right, but the account is disabled. */
export type Refusal = 'disabled';

export interface NewAgent {
  displayName?: string;
  role?: AgentRole;
  capacity?: number | null;
}

/** Agent accounts: usernames, display names, roles, capacities and scrypt password hashes. */
export class AgentAccounts {
  constructor(
    private readonly store: AgentStore,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Creates an account, recorded in its audit trail as made by `actor` (an admin, or `system`). */
  async create(username: string, password: string, options: NewAgent = {}, actor = 'system'): Promise<Agent> {
    const agent: Agent = {
      username: valid(readUsername(username)),
      displayName: valid(readDisplayName(options.displayName ?? username)),
      role: valid(readRole(options.role ?? 'agent')),
      capacity: valid(readCapacity(options.capacity ?? null)),
      disabledAt: null,
    };
    valid(readPassword(password));
    // "Bo" and "bo" would be two accounts people cannot tell apart (in a transfer list, a sign-in)
    const twin = (await this.store.list()).find((a) => a.username.toLowerCase() === username.toLowerCase());
    if (twin) throw new AgentExistsError(`There is already an agent named ${twin.username}.`);
    const hash = await hashPassword(password);
    const at = this.clock.now().toISOString();
    const { username: _u, disabledAt: _d, ...fields } = agent;
    const changes = Object.fromEntries(Object.entries(fields).map(([name, to]) => [name, { from: null, to }]));
    try {
      await this.store.insert(agent, hash, at, { username, actor, action: 'create', changes, at });
    } catch (error) {
      // two admins adding the same name at once: the second insert loses to the primary key
      if (await this.find(username)) throw new AgentExistsError(`There is already an agent named ${username}.`);
      throw error;
    }
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

  /** The enabled agents, as a colleague sees them (a chat can be transferred to them): no roles, no capacities. */
  async colleagues(): Promise<{ username: string; displayName: string }[]> {
    const agents = await this.store.list();
    return agents.filter((a) => !a.disabledAt).map(({ username, displayName }) => ({ username, displayName }));
  }

  /** How an agent signs what they send the customer (`channelData.agentAuthor`). */
  async authorOf(username: string): Promise<{ username: string; name: string }> {
    return { username, name: (await this.find(username))?.displayName ?? username };
  }

  /** The generation a token issued now carries (AgentTokens): a disable or a new password moves it on. */
  tokenGeneration(username: string): Promise<number> {
    return this.store.tokenGeneration(username);
  }

  /**
   * The agent when the password is right, with the token generation to sign them in under; null
   * otherwise (unknown user or wrong password alike); 'disabled' when the password is right but an
   * admin disabled the account.
   */
  async authenticate(username: unknown, password: unknown): Promise<(Agent & { tokenGeneration: number }) | Refusal | null> {
    if (typeof username !== 'string' || typeof password !== 'string' || password.length > 1024) return null;
    // read before the slow check: a new password or a disable landing during it moves the generation
    // on, and a token issued under this one is already dead
    const tokenGeneration = await this.store.tokenGeneration(username);
    const passwordHash = await this.store.passwordHash(username);
    if (passwordHash === null) {
      await hashPassword(password); // same cost either way, so timing does not reveal usernames
      return null;
    }
    if (!(await verifyPassword(password, passwordHash))) return null;
    const agent = await this.find(username);
    if (!agent) return null;
    return agent.disabledAt ? 'disabled' : { ...agent, tokenGeneration };
  }
}

/** The value read, or the rule it broke as an AgentFieldError. */
export function valid<T>(reading: { ok: true; value: T } | { ok: false; problem: string }): T {
  if (!reading.ok) throw new AgentFieldError(reading.problem);
  return reading.value;
}
