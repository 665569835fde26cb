import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Clock } from '../clock';
import { type ConversationKey, DIRECT_LINE_CHANNEL } from '../domain/conversationKey';

/** The audience of a resume link's token: no other token of ours (Direct Line, stream ticket, agent) carries it, nor accepts it. */
export const RESUME_AUDIENCE = 'resume';
const DAY_SECONDS = 24 * 60 * 60;

/**
 * The link in a customer's email that reopens the help page on their conversation (to upload the
 * receipt days later, or read what the agent wrote). The token is the capability: whoever holds the
 * mail can read and continue that one conversation until the link expires, and nothing else — it is
 * signed with the deployment's token secret under an audience of its own. Only our own Direct Line
 * conversations can be reopened: the help page is their client.
 *
 * @example new ResumeLinks(secret, clock, 30, origin).linkFor({ channel: 'directline', id: 'c1' }) // 'https://help.example.com/resume/eyJ…'
 */
export class ResumeLinks {
  // A KeyObject, made once: given a string, jsonwebtoken first tries (and fails) to parse it as a public key on every call.
  private readonly key: KeyObject;

  constructor(
    secret: string,
    private readonly clock: Clock,
    /** how long a link opens the conversation (RESUME_LINK_DAYS) */
    private readonly days: number,
    /** our public origin: the link starts with it */
    private readonly origin: () => string,
  ) {
    this.key = createSecretKey(Buffer.from(secret));
  }

  /** The link for a conversation, valid for `days` from now; null for a conversation the help page cannot open (another channel's). */
  linkFor(conversation: ConversationKey): string | null {
    if (conversation.channel !== DIRECT_LINE_CHANNEL) return null;
    const exp = this.nowSeconds() + this.days * DAY_SECONDS;
    // kept short (it goes in an email): no iat, no subject; the conversation's user is read from the store
    const token = jwt.sign({ conv: conversation.id, aud: RESUME_AUDIENCE, exp }, this.key, { algorithm: 'HS256', noTimestamp: true });
    return `${this.origin()}/resume/${token}`;
  }

  /** The conversation a link's token opens; 'expired' once its time is up (from its last second on), 'invalid' for anything not a resume link of ours. */
  verify(token: unknown): { conversationId: string } | 'expired' | 'invalid' {
    if (typeof token !== 'string' || token.length > 2048) return 'invalid';
    let payload: jwt.JwtPayload;
    try {
      // the expiry is checked here, after the audience: jsonwebtoken checks it first, and would call another
      // kind of token of ours that has expired an "expired link" rather than no link at all
      payload = jwt.verify(token, this.key, { algorithms: ['HS256'], audience: RESUME_AUDIENCE, ignoreExpiration: true }) as jwt.JwtPayload;
    } catch {
      return 'invalid';
    }
    if (typeof payload.conv !== 'string' || !payload.conv || typeof payload.exp !== 'number') return 'invalid';
    if (this.nowSeconds() >= payload.exp) return 'expired';
    return { conversationId: payload.conv };
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}
