import { createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Clock } from '../../clock';
import { BoundedMap } from '../../domain/boundedMap';
import { EndedSessions, newSessionId } from './endedSessions';
import { type UsedTickets, UsedTicketsInMemory } from './usedTickets';

export const DIRECT_LINE_TOKEN_SECONDS = 30 * 60;
/** A stream ticket only opens a WebSocket; clients ask for a new streamUrl (GET /conversations/:id) when they reconnect. */
export const STREAM_TICKET_SECONDS = 90;

export interface DirectLineTokenClaims {
  userId: string;
  conversationId: string;
  /**
   * The session the token belongs to: one per new chat and per resume through a link, kept by refreshes.
   * Absent when issuing starts a new session; absent in tokens issued before sessions had ids.
   */
  sessionId?: string;
}

/**
 * Direct Line tokens: signed, expiring, bound to one conversation, one user and one session. A session
 * that a resume through a link has ended is refused (EndedSessions), whatever is left of its tokens' time.
 */
export class DirectLineTokens {
  // A KeyObject, made once: given a string, jsonwebtoken first tries (and fails) to parse it as a public key on every call.
  private readonly key: KeyObject;
  /**
   * Tokens already verified, with their expiry: Web Chat sends the same token with every
   * message, and checking the signature again costs more than the rest of the request's
   * routing. A token cannot change, so its claims hold until it expires; whether its session
   * has ended is asked on every use, cached or not.
   */
  private readonly verified = new BoundedMap<string, { claims: DirectLineTokenClaims; exp: number }>(10_000);

  constructor(
    secret: string,
    private readonly clock: Clock,
    /** stream tickets already used: each opens one stream, so one read from a log a moment later opens nothing */
    private readonly usedTickets: UsedTickets = new UsedTicketsInMemory(),
    /** the sessions that resumes through a link have ended */
    readonly sessions: EndedSessions = new EndedSessions(clock, DIRECT_LINE_TOKEN_SECONDS),
  ) {
    this.key = createSecretKey(Buffer.from(secret));
  }

  /** A token for the session in `claims` (a refresh), or for a new session when it names none. */
  issue(claims: DirectLineTokenClaims): { token: string; expiresIn: number } {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const token = jwt.sign(
      {
        sub: claims.userId,
        conv: claims.conversationId,
        sid: claims.sessionId ?? newSessionId(),
        aud: 'directline',
        iat: now,
        exp: now + DIRECT_LINE_TOKEN_SECONDS,
      },
      this.key,
      {
        algorithm: 'HS256',
      },
    );
    return { token, expiresIn: DIRECT_LINE_TOKEN_SECONDS };
  }

  /**
   * The claims of a valid token; 'expired' or 'invalid' otherwise, and 'ended' for a token whose session
   * a resume through a link has ended (its signature and time are fine, its access was taken back).
   */
  verify(token: string | undefined): DirectLineTokenClaims | 'expired' | 'invalid' | 'ended' {
    if (!token) return 'invalid';
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const known = this.verified.get(token);
    if (known && now < known.exp) return this.isEnded(known.claims) ? 'ended' : known.claims;
    try {
      const payload = jwt.verify(token, this.key, { algorithms: ['HS256'], audience: 'directline', clockTimestamp: now }) as jwt.JwtPayload;
      if (typeof payload.sub !== 'string' || typeof payload.conv !== 'string' || typeof payload.exp !== 'number') return 'invalid';
      const claims = { userId: payload.sub, conversationId: payload.conv, sessionId: sessionIdOf(payload) };
      this.verified.set(token, { claims, exp: payload.exp });
      return this.isEnded(claims) ? 'ended' : claims;
    } catch (error) {
      this.verified.delete(token);
      return (error as Error).name === 'TokenExpiredError' ? 'expired' : 'invalid';
    }
  }

  /** Whether a resume through a link has ended this session since its token was verified (a request that waited asks again). */
  isEnded(claims: DirectLineTokenClaims): boolean {
    return this.sessions.isEnded(claims.conversationId, claims.sessionId);
  }

  /**
   * A ticket for the WebSocket stream URL, in place of the token (URLs end up in proxy logs):
   * short-lived, used once, and with an audience of its own, so it cannot post, upload, read pages or refresh.
   */
  issueStreamTicket(claims: DirectLineTokenClaims): string {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    return jwt.sign(
      {
        sub: claims.userId,
        conv: claims.conversationId,
        sid: claims.sessionId,
        aud: 'directline-stream',
        jti: randomBytes(12).toString('base64url'),
        iat: now,
        exp: now + STREAM_TICKET_SECONDS,
      },
      this.key,
      { algorithm: 'HS256' },
    );
  }

  /** The claims of a valid stream ticket not used before (it is used now), of a session that has not ended; or null. */
  async verifyStreamTicket(ticket: string | null): Promise<DirectLineTokenClaims | null> {
    if (!ticket) return null;
    let payload: jwt.JwtPayload;
    const now = Math.floor(this.clock.now().getTime() / 1000);
    try {
      payload = jwt.verify(ticket, this.key, {
        algorithms: ['HS256'],
        audience: 'directline-stream',
        clockTimestamp: now,
      }) as jwt.JwtPayload;
    } catch {
      return null;
    }
    if (
      typeof payload.sub !== 'string' ||
      typeof payload.conv !== 'string' ||
      typeof payload.jti !== 'string' ||
      typeof payload.exp !== 'number'
    )
      return null;
    const claims = { userId: payload.sub, conversationId: payload.conv, sessionId: sessionIdOf(payload) };
    if (this.isEnded(claims)) return null;
    if (!(await this.usedTickets.markUsed(payload.jti, payload.exp, now))) return null;
    // the session may have ended while Redis answered: the stream checks again as it joins
    return claims;
  }
}

const sessionIdOf = (payload: jwt.JwtPayload): string | undefined => (typeof payload.sid === 'string' ? payload.sid : undefined);
