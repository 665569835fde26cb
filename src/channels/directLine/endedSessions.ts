import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock';
import type { LinkResume } from '../../storage/directLineStore';

/** A new session's id: every token of one chat or one resume, and the tokens refreshed from them, carry it. */
export const newSessionId = (): string => randomBytes(9).toString('base64url');

/** Whether resume `a` came after `b`: by time, then (the same millisecond on two instances) by session id, so every instance picks the same one. */
const isLater = (a: LinkResume, b: LinkResume): boolean => a.at > b.at || (a.at === b.at && a.sessionId > b.sessionId);

/**
 * The link in a customer's mail reopens their conversation HERE and closes it everywhere else: whoever
 * held a session of it before (another device, or a stranger who had the transcript mailed to someone
 * else's address) is refused from then on. This remembers each conversation's newest resume and the
 * session it started; every other session of that conversation has ended. A Map lookup, consulted on
 * every Direct Line request; no database read.
 *
 * Kept `keepSeconds` after the resume (the token lifetime, and some room for clocks that disagree): by
 * then every token issued before the resume has expired, and the only tokens of the conversation left
 * are the resumed session's own (refreshed) ones, or those of a later resume, which takes the entry's place.
 *
 * @example
 * const resume = sessions.next('c1'); // { at: 1772472600000, sessionId: 'Qm9i…' }
 * sessions.learn('c1', resume, true);
 * sessions.isEnded('c1', resume.sessionId); // false
 * sessions.isEnded('c1', 'the attacker’s session'); // true
 */
export class EndedSessions {
  /** Each conversation's newest resume, oldest first (insertion order): the old ones are forgotten from the front. */
  private readonly latest = new Map<string, LinkResume>();
  private readonly listeners: Array<(conversationId: string, resume: LinkResume, madeHere: boolean) => void> = [];

  constructor(
    private readonly clock: Clock,
    private readonly keepSeconds: number,
  ) {}

  /**
   * A resume of the conversation happening now, with a session of its own: later than every resume known
   * here, even within the same millisecond (a fixed clock, two clicks at once), so the newest one wins.
   */
  next(conversationId: string): LinkResume {
    const known = this.latest.get(conversationId);
    const now = this.clock.now().getTime();
    return { at: known ? Math.max(now, known.at + 1) : now, sessionId: newSessionId() };
  }

  /**
   * Learns of a resume: made here, told by another instance, or read back from the database. When it is
   * the conversation's newest, every other session of it has ended from now on, and the listeners hear
   * it (to close those sessions' streams, and to tell the other instances of one made here). Returns
   * whether it was news.
   */
  learn(conversationId: string, resume: LinkResume, madeHere = false): boolean {
    const known = this.latest.get(conversationId);
    if (known && !isLater(resume, known)) return false;
    if (resume.at <= this.cutoff()) return false; // every session it ended has expired already
    this.latest.delete(conversationId);
    this.latest.set(conversationId, resume);
    this.forgetOld();
    for (const listener of this.listeners) listener(conversationId, resume, madeHere);
    return true;
  }

  /**
   * Learns the resumes kept in the database that may still end sessions: at start (sessions ended
   * before this instance began), and when the cluster bus is back after missing what others said.
   */
  async readBack(resumedSince: (since: number) => Promise<Array<LinkResume & { conversationId: string }>>): Promise<void> {
    for (const { conversationId, ...resume } of await resumedSince(this.cutoff())) this.learn(conversationId, resume);
  }

  /** Whether a resume of the conversation ended this session (a token without a session id is from before any resume). */
  isEnded(conversationId: string, sessionId: string | undefined): boolean {
    const latest = this.latest.get(conversationId);
    return latest !== undefined && latest.sessionId !== sessionId;
  }

  /** Calls `listener` with every resume learnt that ended sessions. */
  onEnded(listener: (conversationId: string, resume: LinkResume, madeHere: boolean) => void): void {
    this.listeners.push(listener);
  }

  /** How many conversations are remembered (tests). */
  get size(): number {
    return this.latest.size;
  }

  private cutoff(): number {
    return this.clock.now().getTime() - this.keepSeconds * 1000;
  }

  /**
   * Resumes older than `keepSeconds` are forgotten from the front. Entries arrive nearly in time order (a
   * late one from a clock behind ours waits behind younger ones a little longer): harmless, a forgotten
   * one only had to refuse tokens that have expired, and one kept longer refuses only those too.
   */
  private forgetOld(): void {
    const cutoff = this.cutoff();
    for (const [conversationId, resume] of this.latest) {
      if (resume.at > cutoff) break;
      this.latest.delete(conversationId);
    }
  }
}
