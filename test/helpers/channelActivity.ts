let seq = 0;

/**
 * A customer's message as a Bot Framework channel (the Emulator) posts it to /api/messages:
 * replies go to `serviceUrl`; `extra` overrides any field. Each gets a new activity id.
 */
export function channelActivity(serviceUrl: string, conversationId: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: `in${++seq}`,
    channelId: 'emulator',
    serviceUrl,
    from: { id: 'customer-1', name: 'Customer' },
    recipient: { id: 'bot', name: 'Bot' },
    conversation: { id: conversationId },
    localTimezone: 'America/New_York',
    ...extra,
  };
}

/** POSTs a body (an activity, or raw text) to the server's /api/messages. */
export const postToChannelEndpoint = (
  base: string,
  body: unknown,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
) => fetch(`${base}/api/messages`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
