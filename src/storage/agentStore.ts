export type AgentRole = 'agent' | 'admin';
export interface Agent {
  username: string;
  displayName: string;
  role: AgentRole;
}

/** Agent accounts and their password hashes. */
export interface AgentStore {
  insert(agent: Agent, passwordHash: string, createdAt: string): Promise<void>;
  find(username: string): Promise<Agent | null>;
  passwordHash(username: string): Promise<string | null>;
}
