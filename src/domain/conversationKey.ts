/**
 * Where a conversation lives: the channel it came in on, and its id there. Conversation ids
 * are chosen by whoever runs the channel, so an id alone names nothing: the same id on two
 * channels is two conversations, and a caller of `/api/messages` who knows one of our Direct
 * Line ids must not reach that customer's claim. The channel is set by the entry point that
 * received the activity, never read from a field the caller writes (channelId, ...).
 */
export interface ConversationKey {
  /** `directline` for our own Direct Line, otherwise the origin of the Bot Framework channel's serviceUrl */
  channel: string;
  id: string;
}

/** Our own Direct Line (the help page's Web Chat). */
export const DIRECT_LINE_CHANNEL = 'directline';

/**
 * The channel of a Bot Framework `serviceUrl`: its origin (scheme, host and port, default
 * ports dropped, lower case), or null when it is not an http(s) URL. An origin always holds
 * "://", so it can never be mistaken for `directline`.
 */
export function channelOfServiceUrl(serviceUrl: unknown): string | null {
  if (typeof serviceUrl !== 'string' || serviceUrl.length > 2048) return null;
  try {
    const url = new URL(serviceUrl);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** One string per conversation, for maps and queues: the channel cannot contain a newline. */
export const keyText = (key: ConversationKey): string => `${key.channel}\n${key.id}`;

/** The conversation a `keyText` names, or null for any other string. */
export function parseKeyText(text: string): ConversationKey | null {
  const cut = text.indexOf('\n');
  return cut < 0 ? null : { channel: text.slice(0, cut), id: text.slice(cut + 1) };
}

/** The conversation a claim belongs to. */
export const conversationOf = (claim: { channel?: string; conversationId: string }): ConversationKey => ({
  channel: claim.channel ?? '',
  id: claim.conversationId,
});
