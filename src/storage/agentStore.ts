export type AgentRole = 'agent' | 'admin';
export interface Agent {
  username: string;
  displayName: string;
  role: AgentRole;
}

/** Agent accounts and their password hashes. */
export interface AgentStore {
  insert(agent: Agent, passwordHash: string, createdAt: string): void;
  find(username: string): Agent | null;
  passwordHash(username: string): string | null;
}
