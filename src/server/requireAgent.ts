import type { Request } from 'restify';
import type { AgentTokenClaims, AgentTokens } from '../agents/agentTokens';
import { bearerToken, fail } from './http';

/** The agent's bearer token, or a 401. */
export async function requireAgent(tokens: AgentTokens, req: Request): Promise<AgentTokenClaims> {
  const token = bearerToken(req.headers.authorization);
  const claims = token ? await tokens.verify(token) : null;
  return claims ?? fail('UNAUTHENTICATED');
}
