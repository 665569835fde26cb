import { createSecretKey, type KeyObject, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Clock } from '../clock';
import type { TokenRevocations } from '../storage/tokenRevocations';

export interface AgentTokenClaims {
  username: string;
  /** the account's role now (read with the token's standing), not the one it was issued with */
  role: string;
  tokenId: string;
  /** when the token stops working (ms since the epoch) */
  expiresAt: number;
  /** the account's token generation it was issued under (absent in tokens made before there were any: 0) */
  generation?: number;
}

/**
 * Expiring, signed agent tokens (JWT, HS256) with logout by revocation. A token also names the
 * account's token generation when it was issued: disabling the account or setting a new password
 * moves the generation on, and every token issued before stops working at once.
 */
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

  issue(username: string, role: string, generation = 0): { token: string; expiresAt: string } {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const exp = now + Math.floor(this.ttlMs / 1000);
    const token = jwt.sign({ sub: username, role, gen: generation, aud: 'agent', iat: now, exp, jti: randomUUID() }, this.key, {
      algorithm: 'HS256',
    });
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The token's claims when it is signed by us, unexpired, not logged out and its account enabled since it was issued; null otherwise. */
  async verify(token: string): Promise<AgentTokenClaims | null> {
    try {
      const payload = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        audience: 'agent',
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      }) as jwt.JwtPayload;
      if (!payload.sub || !payload.jti) return null;
      const generation = Number(payload.gen ?? 0);
      const claims = {
        username: payload.sub,
        role: String(payload.role),
        tokenId: payload.jti,
        expiresAt: (payload.exp ?? 0) * 1000,
        generation,
      };
      const role = await this.standsFor(claims, generation);
      return role === null ? null : { ...claims, role };
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

  /** Whether a token verified earlier (an open stream's) still works: unexpired, not logged out, its account not disabled since. */
  async stillValid(claims: AgentTokenClaims): Promise<boolean> {
    return this.msLeft(claims) > 0 && (await this.standsFor(claims, claims.generation ?? 0)) !== null;
  }

  /** The account's role now when the token still stands (one round trip), null when it does not. */
  private async standsFor(claims: Pick<AgentTokenClaims, 'tokenId' | 'username'>, generation: number): Promise<string | null> {
    const standing = await this.revocations.standing(claims.tokenId, claims.username);
    if (standing.revoked || !standing.account || standing.account.generation !== generation) return null;
    return standing.account.role;
  }

  /** How long the token still works, by the injected clock. */
  msLeft(claims: AgentTokenClaims): number {
    return Math.max(0, claims.expiresAt - this.clock.now().getTime());
  }
}
