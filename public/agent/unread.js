/** The chats that want the agent's eye — a new hand-off, a customer's message in their own chat — counted in the page title until opened. */
const unread = new Set();
let title = document.title;

function showCount() {
  document.title = unread.size ? `(${unread.size}) ${title}` : title;
}

/** The title without the count (the brand is known only after sign-in). */
export function setTitle(text) {
  title = text;
  showCount();
}

export function markUnread(claimId) {
  unread.add(claimId);
  showCount();
}

/** The agent opened the chat, or it is no longer theirs to answer. */
export function markRead(claimId) {
  if (unread.delete(claimId)) showCount();
}

export function forgetUnread() {
  unread.clear();
  showCount();
}
