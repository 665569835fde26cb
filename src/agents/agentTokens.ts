import { createSecretKey, type KeyObject, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Clock } from '../clock';
import type { TokenRevocations } from '../storage/tokenRevocations';

export interface AgentTokenClaims {
  username: string;
  role: string;
  tokenId: string;
  /** when the token stops working (ms since the epoch) */
  expiresAt: number;
}

/** Expiring, signed agent tokens (JWT, HS256) with logout by revocation. */
export class AgentTokens {
  // A KeyObject, made once: given a string, jsonwebtoken first tries (and fails) to parse it as a public key on every call.
  private readonly key: KeyObject;

  constructor(
    secret: string,
    private readonly ttlMs: number,
    private readonly revocations: TokenRevocations,
    private readonly clock: Clock,
  ) {
    this.key = createSecretKey(Buffer.from(secret));
  }

  issue(username: string, role: string): { token: string; expiresAt: string } {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const exp = now + Math.floor(this.ttlMs / 1000);
    const token = jwt.sign({ sub: username, role, aud: 'agent', iat: now, exp, jti: randomUUID() }, this.key, { algorithm: 'HS256' });
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The token's claims when it is signed by us, unexpired and not logged out; null otherwise. */
  async verify(token: string): Promise<AgentTokenClaims | null> {
    try {
      const payload = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        audience: 'agent',
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      }) as jwt.JwtPayload;
      if (!payload.sub || !payload.jti) return null;
      if (await this.revocations.isRevoked(payload.jti)) return null;
      return { username: payload.sub, role: String(payload.role), tokenId: payload.jti, expiresAt: (payload.exp ?? 0) * 1000 };
    } catch {
      return null;
    }
  }

  async revoke(claims: AgentTokenClaims, expiresAt: Date): Promise<void> {
    await this.revocations.revoke(claims.tokenId, expiresAt);
    for (const listener of this.revoked) listener(claims);
  }

  private readonly revoked: ((claims: AgentTokenClaims) => void)[] = [];
  /** Called for every revoked token: whatever it opened (the agent stream) ends with it. */
  onRevoke(listener: (claims: AgentTokenClaims) => void): void {
    this.revoked.push(listener);
  }

  /** Whether a token verified earlier (an open stream's) still works: unexpired and not logged out since. */
  async stillValid(claims: AgentTokenClaims): Promise<boolean> {
    return this.msLeft(claims) > 0 && !(await this.revocations.isRevoked(claims.tokenId));
  }

  /** How long the token still works, by the injected clock. */
  msLeft(claims: AgentTokenClaims): number {
    return Math.max(0, claims.expiresAt - this.clock.now().getTime());
  }
}
