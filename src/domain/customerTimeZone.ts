import { isValidTimeZone } from './calendar';

/**
 * The customer's timezone for a message: the channel's IANA `localTimezone`, else the
 * offset written in `localTimestamp`, else the configured default. Only the zone is
 * taken from the client; the instant always comes from the server's clock.
 * @example customerTimeZone({ localTimestamp: '2026-03-02T09:30:00-05:00' }, 'UTC') // '-05:00'
 */
export function customerTimeZone(activity: { localTimezone?: unknown; localTimestamp?: unknown }, fallback: string): string {
  if (isValidTimeZone(activity.localTimezone)) return activity.localTimezone;
  const stamp = activity.localTimestamp instanceof Date ? activity.localTimestamp.toISOString() : activity.localTimestamp;
  if (typeof stamp === 'string') {
    const offset = /([+-]\d{2}:\d{2})$/.exec(stamp)?.[1];
    if (offset && isValidTimeZone(offset)) return offset;
  }
  return fallback;
}
