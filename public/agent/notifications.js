/**
 * Nobody waits unseen: a new hand-off and a customer's message in one of the agent's own chats are
 * counted in the page title until opened and chimed; while the page is hidden or unfocused the browser
 * shows a notification too (once the agent has turned them on: the permission is asked only on their click).
 */
import { chime, isMuted, prepareAudio, setMuted } from './chime.js';
import { byId } from './dom.js';
import { oneLine } from './format.js';
import { markUnread } from './unread.js';
import { handoffLabel } from './vocabulary.js';

const LONGEST_BODY = 140;
const supported = () => 'Notification' in window;
const inBackground = () => document.visibilityState === 'hidden' || !document.hasFocus();

let openChat = () => {};
/** Claim id → the notification shown for it and still up. */
const showing = new Map();

function notify(claimId, title, body) {
  if (!supported() || Notification.permission !== 'granted' || !inBackground()) return;
  // one notification per chat: a second message replaces the first rather than piling up
  const shown = new Notification(title, { body: body.slice(0, LONGEST_BODY), tag: `qsee-claim-${claimId}` });
  showing.set(claimId, shown);
  shown.addEventListener('close', () => showing.get(claimId) === shown && showing.delete(claimId));
  shown.addEventListener('click', () => {
    window.focus();
    shown.close();
    openChat(claimId);
  });
}

/**
 * The chat needs no calling any more: the agent opened it, or it left the queue for someone else's
 * hands (with AUTO_ASSIGN a hand-off is given to a colleague a moment after it arrives). Its
 * notification goes, rather than send the agent looking for a customer nobody is waiting for.
 */
export function callAnswered(claimId) {
  showing.get(claimId)?.close();
  showing.delete(claimId);
}

/** `onScreen`: the chat is the one open in the console; in front of the agent it needs no calling. */
function callAttention(claimId, onScreen, title, body) {
  if (onScreen && !inBackground()) return;
  markUnread(claimId);
  chime();
  notify(claimId, title, body);
}

/** A claim has just joined the queue (handed off, or returned to it). */
export function handoffArrived(claim, onScreen) {
  const reason = handoffLabel(claim.handoff?.reason) || 'A customer asked for a person';
  callAttention(claim.id, onScreen, 'A customer is waiting', `${reason} — ${oneLine(claim)}`);
}

/** A claim nobody took within QUEUE_REOFFER_MINUTES: offered to everyone again, once. */
export function stillWaiting(claim, onScreen) {
  callAttention(claim.id, onScreen, 'A customer is still waiting', `Nobody has taken this chat yet — ${oneLine(claim)}`);
}

/** A chat became the agent's without their accepting it: the router assigned it, or a colleague transferred it. */
export function chatAssigned(claim, onScreen) {
  callAttention(claim.id, onScreen, 'A chat is now yours', oneLine(claim));
}

/** The customer of one of the agent's own chats wrote. */
export function customerWrote(event, onScreen) {
  const files = event.attachments?.length ? `📎 ${event.attachments.length} file(s)` : '';
  callAttention(event.claimId, onScreen, 'New message from your customer', event.text || files || 'The customer sent a message.');
}

/** The customer of one of the agent's own chats has waited a while for an answer (AGENT_SILENT_REMIND_MINUTES). */
export function answerAwaited(event, onScreen) {
  const since = new Date(event.waitingSince).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  callAttention(event.claimId, onScreen, 'Your customer is waiting for an answer', `Their last message, at ${since}, is not answered yet.`);
}

function showControls() {
  const turnOn = byId('notify-on');
  turnOn.hidden = !supported() || Notification.permission !== 'default';
  const mute = byId('mute');
  mute.hidden = false;
  mute.setAttribute('aria-pressed', String(isMuted()));
}

/** The header's "Turn on notifications" and "Mute sound"; `open(claimId)` is what a click on a notification does. */
export function setUpNotifications(open) {
  openChat = open;
  showControls();
}

export function hideNotificationControls() {
  byId('notify-on').hidden = true;
  byId('mute').hidden = true;
}

byId('notify-on').addEventListener('click', async () => {
  await Notification.requestPermission().catch(() => 'default');
  showControls();
});
byId('mute').addEventListener('click', () => {
  setMuted(!isMuted());
  showControls();
});
// a page may play sound only after a click in it: every click readies the chime for later
document.addEventListener('click', prepareAudio);
