import type { Activity } from 'botbuilder';
import type { TranscriptEntry } from './transcriptRepository';

/** A page of activities holds at most this many, and at most this many bytes of them (one always fits). */
export const PAGE_LIMITS = { activities: 100, bytes: 256 * 1024 };

export interface DirectLineConversation {
  id: string;
  userId: string;
  started: boolean;
}

/**
 * A resume of a conversation through the link in a mail: when (ms since the epoch) and the session it
 * started. Every other session of the conversation ended then (src/channels/directLine/endedSessions.ts).
 */
export interface LinkResume {
  at: number;
  sessionId: string;
}

export interface ActivityPage {
  activities: Partial<Activity>[];
  watermark: number;
  more: boolean;
}

export interface AppendedActivity {
  activity: Partial<Activity>;
  watermark: number;
  /** a resend of a customer activity already stored (same clientActivityID): `activity` is the first copy */
  duplicate: boolean;
}

export interface StoredFile {
  conversationId: string;
  name: string;
  contentType: string;
  data: Buffer;
}

/**
 * Our Direct Line's memory: conversations bound to a user, every activity with its watermark
 * (a per-conversation sequence), and uploaded files. A reconnect after a restart replays from
 * the watermark with nothing lost and nothing twice.
 *
 * `append` and `after` stay synchronous for now: a reply is stored and pushed within its send,
 * and a stream reads its backlog and joins the live pushes in one step (DirectLineStreams.open);
 * a network database needs that step redesigned first.
 */
export interface DirectLineStore {
  /**
   * Whether a turn that fails takes back what it stored here, its replies too (PostgreSQL: the turn's
   * transaction). SQLite's group commit keeps them: a reply stored there has left for good.
   */
  readonly failedTurnsTakeBack: boolean;
  createConversation(userId: string): Promise<string>;
  conversation(id: string): Promise<DirectLineConversation | null>;
  /** Marks the conversation started; true only the first time (when the bot should greet). */
  markStarted(id: string): Promise<boolean>;
  /**
   * Keeps the conversation's newest resume through a link (an older one than the one kept changes
   * nothing): an instance that starts later reads it back, and refuses the sessions it ended as well.
   */
  recordResume(conversationId: string, resume: LinkResume): Promise<void>;
  /** The conversations resumed through a link after `since` (ms since the epoch), each with its newest resume. */
  resumedSince(since: number): Promise<Array<LinkResume & { conversationId: string }>>;
  /** The id of the customer activity already stored with this clientActivityID, if any (a resend). */
  idOfClientActivity(conversationId: string, clientActivityId: string | undefined): Promise<string | null>;
  /**
   * Appends an activity, giving it its id and watermark. A customer activity sent twice
   * (same clientActivityID) is stored once: the first copy is returned.
   */
  append(conversationId: string, activity: Partial<Activity>): Promise<AppendedActivity>;
  /** Runs `callback` once the activities appended so far are committed: nobody sees one that a crash could lose. */
  whenStored(callback: () => void): void;
  /** `after`, as committed: a poll never shows an activity that a failed commit takes back. */
  committedAfter(conversationId: string, watermark: number): Promise<ActivityPage>;
  /** Runs `read` with nothing uncommitted pending. */
  readCommitted<T>(read: () => T | Promise<T>): Promise<T>;
  /**
   * Activities after a watermark, oldest first, and the new watermark: the last one returned,
   * so a client that pages on from it gets every activity exactly once. A page stops at
   * PAGE_LIMITS (count or bytes); `more` says whether another page follows.
   */
  after(conversationId: string, watermark: number): Promise<ActivityPage>;
  /** The conversation's messages as the agent's transcript shows them (customer, bot or agent). */
  messages(conversationId: string): Promise<TranscriptEntry[]>;
  /** Keeps an uploaded file whose content was already checked (`contentType` is the sniffed one). */
  saveFile(conversationId: string, name: string, contentType: string, data: Buffer): Promise<string>;
  /** Deletes files stored before `cutoff`, a few hundred per commit; their links answer 404 from then on. */
  deleteFilesOlderThan(cutoff: Date): Promise<number>;
  file(id: string): Promise<StoredFile | null>;
}

/** The agent's transcript of a conversation's stored activities (JSON text, in watermark order): its messages only. */
export function transcriptOf(storedActivities: Iterable<string>): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  for (const json of storedActivities) {
    const activity = JSON.parse(json) as Partial<Activity>;
    if (activity.type !== 'message') continue;
    entries.push({
      from: activity.from?.role === 'user' ? 'customer' : activity.from?.id?.startsWith('agent:') ? 'agent' : 'bot',
      text: activity.text ?? null,
      attachments: (activity.attachments ?? []).map((a) => ({ name: a.name, contentType: a.contentType })),
      timestamp: String(activity.timestamp ?? ''),
    });
  }
  return entries;
}

/**
 * A page from the stored rows after a watermark (in order, at most PAGE_LIMITS.activities + 1 of
 * them, the extra one saying whether more follow): it stops at PAGE_LIMITS (count or bytes; one
 * always fits), and its watermark is the last activity it holds.
 */
export function pageOf(
  rows: readonly { seq: number; activity: string }[],
  watermark: number,
  parse: (row: { seq: number; activity: string }) => Partial<Activity>,
): ActivityPage {
  const activities: Partial<Activity>[] = [];
  let bytes = 0;
  let last = watermark;
  for (const row of rows.slice(0, PAGE_LIMITS.activities)) {
    bytes += Buffer.byteLength(row.activity);
    if (activities.length > 0 && bytes > PAGE_LIMITS.bytes) break;
    activities.push(parse(row));
    last = row.seq;
  }
  return { activities, watermark: last, more: rows.length > activities.length };
}
