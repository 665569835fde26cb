import { channelOfServiceUrl } from '../../domain/conversationKey';
import { AppError } from '../../errors';
import { withinDepth } from '../../server/jsonDepth';

/** Deeper than any activity a channel sends; deeper JSON would overflow the stack of whoever serialises it. */
const MAX_DEPTH = 32;
const MAX_ID_LENGTH = 1024;

const STRING_FIELDS = [
  'type',
  'id',
  'channelId',
  'replyToId',
  'text',
  'textFormat',
  'locale',
  'localTimezone',
  'name',
  'inputHint',
  'timestamp',
  'localTimestamp',
];
const ACCOUNT_FIELDS = ['from', 'recipient'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const refuse = (detail: string): never => {
  throw new AppError('NOT_AN_ACTIVITY', detail);
};

/**
 * What `/api/messages` accepts before anything else looks at the body: an activity object with
 * a type, a conversation with a string id, an http(s) serviceUrl (its origin is the channel the
 * conversation belongs to), accounts that are objects, strings where the framework expects
 * strings, and no deep nesting. Anything else is a 400, never a failed turn.
 */
export function checkIncomingActivity(body: unknown): { conversationId: string; channel: string } {
  if (!isRecord(body)) return refuse('Send one activity as a JSON object.');
  if (typeof body.type !== 'string' || !body.type) return refuse('type must be a string.');
  if (!withinDepth(body, MAX_DEPTH)) return refuse(`It is nested more than ${MAX_DEPTH} levels deep.`);
  for (const field of STRING_FIELDS)
    if (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'string') refuse(`${field} must be a string.`);
  const conversation = body.conversation;
  if (!isRecord(conversation) || typeof conversation.id !== 'string' || !conversation.id || conversation.id.length > MAX_ID_LENGTH)
    return refuse('conversation.id must be a non-empty string.');
  for (const field of ACCOUNT_FIELDS) {
    const account = body[field];
    if (account === undefined || account === null) continue;
    if (!isRecord(account)) return refuse(`${field} must be an object.`);
    for (const inner of ['id', 'name', 'role'])
      if (account[inner] !== undefined && account[inner] !== null && typeof account[inner] !== 'string')
        refuse(`${field}.${inner} must be a string.`);
  }
  for (const field of ['attachments', 'membersAdded', 'membersRemoved', 'entities']) {
    const list = body[field];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list) || !list.every(isRecord)) return refuse(`${field} must be a list of objects.`);
  }
  for (const attachment of (body.attachments ?? []) as Record<string, unknown>[])
    for (const inner of ['name', 'contentType', 'contentUrl', 'thumbnailUrl'])
      if (attachment[inner] !== undefined && attachment[inner] !== null && typeof attachment[inner] !== 'string')
        refuse(`attachments[].${inner} must be a string.`);
  const channel = channelOfServiceUrl(body.serviceUrl);
  if (!channel) return refuse('serviceUrl must be an http(s) URL.');
  return { conversationId: conversation.id, channel };
}
