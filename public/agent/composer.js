import { claimPath, post } from './api.js';
import { el } from './dom.js';
import { problemLine, reporting } from './problem.js';

const TYPING_NOTICE_EVERY_MS = 3000;
let typingTimer = null;
/** What the agent has typed and not sent, per claim: the claim view is drawn again when the claim changes (a reading lands, a colleague acts), and the words must survive it. */
const drafts = new Map();

/** Tells the customer the agent is typing, at most every few seconds; a lost notice does not matter. */
function noticeTyping(id) {
  if (typingTimer) return;
  typingTimer = setTimeout(() => (typingTimer = null), TYPING_NOTICE_EVERY_MS);
  post(`${claimPath(id)}/typing`).catch(() => {});
}

function replyBox(id, mineNow) {
  const input = el('textarea', {
    id: 'reply',
    rows: '2',
    'aria-label': 'Message to the customer',
    placeholder: mineNow ? 'Write to the customer…' : 'Accept the claim to reply',
  });
  input.disabled = !mineNow;
  input.value = drafts.get(id) ?? '';
  input.addEventListener('input', () => {
    drafts.set(id, input.value);
    noticeTyping(id);
  });
  return input;
}

function cannedReplies(id, canned, input, mineNow) {
  const select = el(
    'select',
    {
      'aria-label': 'Canned replies',
      onchange: (e) => {
        input.value = e.target.value;
        drafts.set(id, input.value);
        e.target.selectedIndex = 0;
        input.focus();
      },
    },
    el('option', { value: '', text: 'Canned replies…' }),
    ...canned.map((c) => el('option', { value: c.text, text: c.text.slice(0, 80) })),
  );
  select.disabled = !mineNow;
  return select;
}

/** The reply box, Send and the canned replies; `ctx` is { id, mineNow, reload }. */
export function composer(canned, ctx) {
  const input = replyBox(ctx.id, ctx.mineNow);
  const problem = problemLine();
  const sendReply = async () => {
    const text = input.value.trim();
    if (!text) return;
    // on failure the text stays in the box, so it can be sent again
    await post(`${claimPath(ctx.id)}/messages`, { text });
    input.value = '';
    drafts.delete(ctx.id);
    ctx.reload();
  };
  const send = el('button', { type: 'button', text: 'Send', onclick: () => reporting(problem, sendReply) });
  send.disabled = !ctx.mineNow;
  return [el('div', { class: 'composer' }, input, send), problem, cannedReplies(ctx.id, canned, input, ctx.mineNow)];
}
