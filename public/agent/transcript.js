import { byId, el } from './dom.js';

const SPEAKERS = { customer: 'Customer', agent: 'Agent' };

/** One message of the conversation, with its files named (not shown). */
export function messageNode(entry) {
  const files = (entry.attachments || []).map((a) => `📎 ${a.name || 'file'}`).join('\n');
  return el(
    'div',
    { class: `msg ${entry.from}` },
    el('span', { class: 'from', text: SPEAKERS[entry.from] || 'Assistant' }),
    [entry.text, files].filter(Boolean).join('\n'),
  );
}

export const transcriptView = (claim) =>
  el('div', { class: 'transcript', id: 'transcript', role: 'log', 'aria-label': 'Conversation' }, ...claim.transcript.map(messageNode));

export const typingLine = () => el('div', { class: 'typing', id: 'typing' });

/** A customer's message arriving on the stream, added without reloading the claim. */
export function appendCustomerMessage(event) {
  const transcript = byId('transcript');
  transcript.append(messageNode({ from: 'customer', text: event.text, attachments: event.attachments }));
  transcript.scrollTop = transcript.scrollHeight;
  byId('typing').textContent = '';
}

export function showCustomerTyping() {
  byId('typing').textContent = 'The customer is typing…';
}
