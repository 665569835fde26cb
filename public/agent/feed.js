/** The agent stream (WebSocket): queue changes and the open claim's customer, live. */
import { session } from './session.js';

const RECONNECT_AFTER_MS = 2000;
let stream = null;

/**
 * `on` is { claimUpdated(claim), customerMessage(event), customerTyping(event), agentReminder(event), missedEvents() }.
 * Reconnects while the agent is signed in (an instance that stops or dies closes its streams).
 * Whenever a stream opens (its "hello") the lists are read again: what changed before it was open —
 * the lists were first read before it, a reconnect leaves a gap, and the other instances start sending
 * their events once they hear this agent is online — would otherwise be missing.
 */
export function connectFeed(on) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  // the token travels as a subprotocol: browsers cannot set headers on a WebSocket
  stream = new WebSocket(`${scheme}://${location.host}/api/agent/stream`, ['qsee.agent', `token.${session.token}`]);
  stream.addEventListener('message', (e) => {
    const event = JSON.parse(e.data);
    if (event.type === 'claim.updated') on.claimUpdated(event.claim);
    else if (event.type === 'customer.message') on.customerMessage(event);
    else if (event.type === 'claim.reoffered') on.claimReoffered(event.claim);
    else if (event.type === 'customer.typing') on.customerTyping(event);
    else if (event.type === 'agent.reminder') on.agentReminder(event);
    else if (event.type === 'feed.resync' || event.type === 'hello') on.missedEvents();
  });
  stream.addEventListener('close', () => {
    if (session.token) setTimeout(() => connectFeed(on), RECONNECT_AFTER_MS);
  });
}

export function disconnectFeed() {
  stream?.close();
}
