import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { UploadProblem } from '../../attachments/proofUploads';
import type { Clock } from '../../clock';

/** How long a link to an uploaded file works: long enough to view it, short enough that a leaked link soon dies. */
export const FILE_LINK_SECONDS = 30 * 60;

const STORED = /^urn:qsee:file:([0-9a-f-]{36})\.([\w-]{43})$/;
const REFUSED = /^urn:qsee:refused:([a-z_]+)$/;
const SIGNED = /\/v3\/directline\/attachments\/([0-9a-f-]{36})\?e=(\d{1,12})&sig=([\w-]{1,64})$/;

/**
 * Links to the files customers upload on our Direct Line. An activity is stored with a stable
 * reference (`urn:qsee:file:<id>`); whenever it is read (a page, a stream backlog, a live frame)
 * the reference becomes a link on our public origin, signed for that file id with an expiry —
 * Web Chat's `<img>` cannot send a header, so the link itself is the capability. The reference is
 * signed too (without expiry; no client ever sees it): an activity from another channel that
 * names one of our file ids cannot make the bot read that file.
 */
export class FileLinks {
  constructor(
    private readonly secret: string,
    private readonly clock: Clock,
    private readonly origin: () => string,
  ) {}

  /** What an activity keeps for an accepted file. */
  reference(fileId: string): string {
    return `urn:qsee:file:${fileId}.${this.referenceSignature(fileId)}`;
  }

  /** What an activity keeps for a file the upload endpoint refused (nothing is stored; the bot still answers why). */
  static refusal(problem: UploadProblem): string {
    return `urn:qsee:refused:${problem}`;
  }

  /** A link to a stored file, valid for FILE_LINK_SECONDS from now. */
  link(fileId: string): string {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + FILE_LINK_SECONDS;
    return `${this.origin()}/v3/directline/attachments/${fileId}?e=${expires}&sig=${this.signature(fileId, expires)}`;
  }

  /** Whether a link's expiry and signature are good for this file id now. */
  check(fileId: string, expires: unknown, signature: unknown): boolean {
    if (typeof expires !== 'string' || typeof signature !== 'string' || !/^\d{1,12}$/.test(expires)) return false;
    if (Number(expires) <= Math.floor(this.clock.now().getTime() / 1000)) return false;
    return sameText(signature, this.signature(fileId, Number(expires)));
  }

  /** The activity as a client may see it: stored references become fresh signed links, refusals lose their URL. */
  forClient(activity: Partial<Activity>): Partial<Activity> {
    if (!activity.attachments?.some((a) => typeof a.contentUrl === 'string' && a.contentUrl.startsWith('urn:qsee:'))) return activity;
    return {
      ...activity,
      attachments: activity.attachments.map((a) => {
        const stored = STORED.exec(a.contentUrl ?? '');
        if (stored) return { ...a, contentUrl: this.link(stored[1]) };
        if (REFUSED.test(a.contentUrl ?? '')) return { contentType: a.contentType, name: a.name };
        return a;
      }),
    };
  }

  /**
   * What the bot's own file reader makes of a URL: the id of one of our stored files (a stored
   * reference or a valid link), the reason the upload endpoint refused it, or null when it is not ours.
   */
  resolve(url: string): { fileId: string } | { refused: UploadProblem } | null {
    const stored = STORED.exec(url);
    if (stored) return sameText(stored[2], this.referenceSignature(stored[1])) ? { fileId: stored[1] } : null;
    const refused = REFUSED.exec(url);
    if (refused) return { refused: refused[1] as UploadProblem };
    const signed = SIGNED.exec(url);
    if (signed && url.startsWith(`${this.origin()}/`) && this.check(signed[1], signed[2], signed[3])) return { fileId: signed[1] };
    return null;
  }

  private signature(fileId: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`directline-file:${fileId}:${expires}`).digest('base64url');
  }

  private referenceSignature(fileId: string): string {
    return createHmac('sha256', this.secret).update(`directline-file-reference:${fileId}`).digest('base64url');
  }
}

/** Compares a given signature with the expected one in constant time. */
function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
