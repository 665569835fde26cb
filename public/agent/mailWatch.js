/** A mail just queued is usually sent (or has failed its first try) a moment later: one look then, not a loop. */
const SOON_MS = 2000;
/** While a mail on screen still waits, its list is read again this often, no faster. */
const WHILE_WAITING_MS = 15_000;

/**
 * Reads a list of mails again on its own: once soon after the agent queued or re-queued one, then
 * every 15 s while one in it waits, for as long as `node` is on screen. One per list: scheduling
 * again replaces the last.
 */
export function mailWatch() {
  let timer = null;
  return (node, mails, soon, read) => {
    clearTimeout(timer);
    if (!soon && !mails.some((m) => m.status === 'waiting')) return;
    timer = setTimeout(() => node.isConnected && read(), soon ? SOON_MS : WHILE_WAITING_MS);
  };
}
