import type { Request } from 'restify';
import type { AgentTokenClaims, AgentTokens } from '../agents/agentTokens';
import { bearerToken, fail } from './http';

/** The agent's bearer token, or a 401. */
export async function requireAgent(tokens: AgentTokens, req: Request): Promise<AgentTokenClaims> {
  const token = bearerToken(req.headers.authorization);
  const claims = token ? await tokens.verify(token) : null;
  return claims ?? fail('UNAUTHENTICATED');
}

/** An admin's bearer token: 401 without a valid one, 403 for an agent who is not an admin. */
export async function requireAdmin(tokens: AgentTokens, req: Request): Promise<AgentTokenClaims> {
  const agent = await requireAgent(tokens, req);
  return agent.role === 'admin' ? agent : fail('FORBIDDEN', 'Only an admin can do that.');
}
