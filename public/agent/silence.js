/** A chat ended because its customer went silent (the claim's handoff.chatEndedAt; the API's silentSince). */
import { el } from './dom.js';

const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** '' for a chat not ended; otherwise "Chat ended — customer silent since 17:30", the same in the list and the claim view. */
export function chatEndedLine(claim) {
  if (claim.status !== 'with_agent' || !claim.handoff?.chatEndedAt) return '';
  const since = claim.silentSince || claim.handoff.customerRemindedAt || claim.handoff.chatEndedAt;
  return el('div', {
    class: 'chat-ended-line',
    'data-chat-ended': claim.handoff.chatEndedAt,
    text: `Chat ended — customer silent since ${clock(since)}`,
  });
}
