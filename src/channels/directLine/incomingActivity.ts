import type { Activity } from 'botbuilder';
import { AppError } from '../../errors';
import { withinDepth } from '../../server/jsonDepth';

const ALLOWED_TYPES = new Set(['message', 'typing', 'event']);
export const MAX_TEXT = 5000;
const MAX_CLIENT_ACTIVITY_ID = 100;
/** An event's value is kept only this deep: nesting deeper is an attack on JSON.stringify's stack, not a chat. */
const MAX_VALUE_DEPTH = 8;

const bad = (detail: string): never => {
  throw new AppError('BAD_REQUEST', detail);
};

const optionalString = (body: Record<string, unknown>, field: string, max: number): string | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') bad(`"${field}" must be a string.`);
  return (value as string).slice(0, max);
};

/**
 * What we keep of an activity a customer posts on our Direct Line: its type, text, name, an
 * event's value, locale and time zone hints, and from channelData only the client's
 * `clientActivityID` (the id Web Chat matches its echo with; nothing else of channelData is read).
 * Anything of the wrong type is a 400; fields we do not use are dropped. Who sent it, where to,
 * and when, the server decides.
 *
 * @example readIncomingActivity({ type: 'message', text: 'hi', channelData: { clientActivityID: 'c1' } })
 */
export function readIncomingActivity(body: unknown): Partial<Activity> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) bad('Send an activity: a JSON object.');
  const given = body as Record<string, unknown>;
  if (typeof given.type !== 'string' || !ALLOWED_TYPES.has(given.type)) bad('The activity type must be message, typing or event.');
  const text = optionalString(given, 'text', Number.POSITIVE_INFINITY);
  if (text !== undefined && text.length > MAX_TEXT) throw new AppError('TOO_LARGE', `Messages are limited to ${MAX_TEXT} characters.`);
  const incoming: Partial<Activity> = {
    type: given.type as string,
    text,
    name: optionalString(given, 'name', 200),
    locale: optionalString(given, 'locale', 20),
    localTimezone: optionalString(given, 'localTimezone', 64),
    localTimestamp: optionalString(given, 'localTimestamp', 40) as unknown as Date | undefined,
  };
  if (given.type === 'event' && given.value !== undefined) {
    if (!withinDepth(given.value, MAX_VALUE_DEPTH)) bad(`An event's value may be nested at most ${MAX_VALUE_DEPTH} levels deep.`);
    incoming.value = given.value;
  }
  const clientActivityID = readClientActivityId(given.channelData);
  if (clientActivityID) incoming.channelData = { clientActivityID };
  return incoming;
}

function readClientActivityId(channelData: unknown): string | undefined {
  if (channelData === undefined || channelData === null) return undefined;
  if (typeof channelData !== 'object' || Array.isArray(channelData)) bad('"channelData" must be an object.');
  const id = (channelData as { clientActivityID?: unknown }).clientActivityID;
  if (id === undefined || id === null) return undefined;
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_CLIENT_ACTIVITY_ID)
    bad(`"channelData.clientActivityID" must be a string of 1 to ${MAX_CLIENT_ACTIVITY_ID} characters.`);
  return id as string;
}
