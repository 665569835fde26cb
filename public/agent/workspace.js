/** The agent's workspace: the claim on screen, the lists beside it, and what an action or a live update reloads. */
import { renderAgents } from './agents.js';
import { api, claimPath, post } from './api.js';
import { loadCase, renderCase } from './claimView.js';
import { byId } from './dom.js';
import { answerAwaited, callAnswered, chatAssigned, customerWrote, handoffArrived, stillWaiting } from './notifications.js';
import { renderOutbox } from './outbox.js';
import { pageProblem, reporting, reportingFailure } from './problem.js';
import { refreshLists } from './queue.js';
import { session } from './session.js';
import { TIMERS_REFRESH_MS } from './timers.js';
import { appendCustomerMessage, showCustomerTyping } from './transcript.js';
import { markRead } from './unread.js';

const REFRESH_AT_MOST_EVERY_MS = 500;
let current = null; // the claim on screen (null while the Outbox is)
/** Counts what was asked to be put on screen: a claim read that ends after a later request (another claim, the Outbox) is dropped. */
let asked = 0;
/** The claim read for the screen right now (its request number), or null: a customer message arriving meanwhile may be missing from it. */
let reading = null;
const beingRead = (claimId) => reading?.id === claimId && reading.request === asked;

export async function openClaim(id) {
  const request = ++asked;
  reading = { id, request };
  const loaded = await loadCase(id).finally(() => {
    if (reading?.request === request) reading = null;
  });
  if (request !== asked) return;
  current = loaded.claim;
  markRead(id);
  callAnswered(id);
  showingOutbox(false);
  renderCase(loaded, caseContext(loaded.claim));
}

function showingOutbox(on, agents = false) {
  byId('show-outbox').setAttribute('aria-pressed', String(on));
  byId('show-agents').setAttribute('aria-pressed', String(agents));
}

/** The Agents view (admins) takes the claim's place, as the Outbox does. */
export async function showAgents() {
  asked++;
  current = null;
  showingOutbox(false, true);
  await renderAgents(byId('case'), session.me.username);
}

/** The Outbox takes the claim's place; live updates of that claim no longer draw over it. */
export async function showOutbox() {
  asked++;
  current = null;
  showingOutbox(true);
  await renderOutbox(byId('case'), { open: lists.open });
}

/** Claims this page accepted: becoming the agent's own is then no news to them. */
const acceptedHere = new Set();

export async function acceptClaim(id) {
  acceptedHere.add(id);
  await reporting(pageProblem(), async () => {
    await post(`${claimPath(id)}/accept`);
    await openClaim(id);
  });
  void refreshInBackground();
}

const lists = { accept: acceptClaim, open: (id) => reporting(pageProblem(), () => openClaim(id)) };
/** Opens a chat from outside the page (a click on a notification). */
export const openFromOutside = lists.open;

/** The header's "2/3": the agent's open chats and their capacity, as the server counts them. */
async function showSeats() {
  const me = await api('/api/agent/me');
  const seats = byId('seats');
  seats.textContent = `${me.openChats}/${me.effectiveCapacity} chats`;
  seats.hidden = false;
}

let timersTimer = null;
export async function showLists() {
  // timers move with time alone: the lists are read again now and then, however quiet the stream is
  clearTimeout(timersTimer);
  timersTimer = setTimeout(() => session.token && refreshSoon(), TIMERS_REFRESH_MS);
  const [{ queue, mine }] = await Promise.all([refreshLists(lists), showSeats()]);
  // what is waiting or open now is known: only what changes after this calls the agent
  for (const claim of [...queue, ...mine]) placements.set(claim.id, placementOf(claim));
}
const refreshInBackground = () => reportingFailure(pageProblem(), showLists);

function caseContext(claim) {
  const id = claim.id;
  return {
    id,
    me: session.me,
    mineNow: claim.status === 'with_agent' && claim.handoff.agent === session.me.username,
    reload: () => reportingFailure(pageProblem(), () => openClaim(id)),
    reloadAll: async () => {
      await openClaim(id);
      void refreshInBackground();
    },
    accept: () => acceptClaim(id),
  };
}

/** Claim id → "status|agent" as last seen on the stream or in the lists. */
const placements = new Map();
const placementOf = (claim) => `${claim.status}|${claim.handoff?.agent ?? ''}`;
/** Claim id → its handoff.chatEndedAt as last seen: a chat ended or resumed is drawn again. */
const endings = new Map();
const isMine = (claimId) => placements.get(claimId) === `with_agent|${session.me.username}`;
/** What the claim view shows of the proof: its files, their readings (which land after the upload) and the receipt. */
const proofSeen = (claim) =>
  JSON.stringify([claim.proof?.files?.map((f) => [f.id, f.reading?.status, f.agentReading]), claim.proof?.receipt]);
let refreshTimer = null;

/** Reads the lists again at most twice a second, however many claims change at once. */
function refreshSoon() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    void refreshInBackground();
  }, REFRESH_AT_MOST_EVERY_MS);
}

/**
 * A claim's wait passes the re-offer time without any event: the lists are read again every minute
 * while someone is signed in, so the flag (and "waiting N min") appears by itself.
 */
const QUEUE_RECHECK_MS = 60_000;
setInterval(() => {
  if (session.token) refreshSoon();
}, QUEUE_RECHECK_MS);

const onScreen = (claimId) => current && claimId === current.id;

/**
 * With AUTO_ASSIGN on (GET /api/agent/me says), the router gives a hand-off to an available agent as
 * soon as it arrives, and that agent is told (chatAssigned): calling everyone first would chime every
 * console for a chat already given. So a hand-off is everyone's news only when it is still waiting a
 * moment later: nobody was free to be given it.
 */
const STILL_WAITING_AFTER_MS = 3_000;
function handoffNews(claim) {
  if (!session.me?.autoAssign) return handoffArrived(claim, onScreen(claim.id));
  setTimeout(() => {
    if (placements.get(claim.id)?.startsWith('pending_agent|')) handoffArrived(claim, onScreen(claim.id));
  }, STILL_WAITING_AFTER_MS);
}

/** Back to the page: the chat on screen has been seen. */
function seeingThePage() {
  if (current && document.visibilityState === 'visible' && document.hasFocus()) markRead(current.id);
}
window.addEventListener('focus', seeingThePage);
document.addEventListener('visibilitychange', seeingThePage);

/** Signed out: the next agent on this page starts from what the lists say. */
export function forgetWorkspace() {
  clearTimeout(timersTimer);
  placements.clear();
  endings.clear();
  acceptedHere.clear();
  byId('seats').hidden = true;
  current = null;
}

/** What the agent stream's events change on screen. */
export const liveUpdates = {
  claimUpdated(claim) {
    // every turn updates its claim: the lists are read again only when a claim changes hands or status
    const placement = placementOf(claim);
    const before = placements.get(claim.id);
    if (before !== placement) {
      placements.set(claim.id, placement);
      refreshSoon();
      if (claim.status === 'pending_agent' && !before?.startsWith('pending_agent|')) handoffNews(claim);
      // assigned by the router or transferred by a colleague: theirs now, though they did not accept it
      else if (isMine(claim.id) && !acceptedHere.has(claim.id)) chatAssigned(claim, onScreen(claim.id));
      // taken by a colleague, decided, closed: no longer this agent's to answer
      else if (claim.status !== 'pending_agent' && !isMine(claim.id)) {
        markRead(claim.id);
        callAnswered(claim.id);
      }
      // should it come back to them unasked, that is news again
      if (!isMine(claim.id)) acceptedHere.delete(claim.id);
    }
    // ended for the customer's silence, or resumed: the list marks it, the claim view says so
    const ended = claim.handoff?.chatEndedAt ?? null;
    const endingChanged = endings.has(claim.id) ? endings.get(claim.id) !== ended : ended !== null;
    endings.set(claim.id, ended);
    if (endingChanged) refreshSoon();
    if (
      onScreen(claim.id) &&
      (claim.status !== current.status ||
        claim.handoff?.agent !== current.handoff?.agent ||
        (current.handoff?.chatEndedAt ?? null) !== ended ||
        proofSeen(claim) !== proofSeen(current))
    )
      void reportingFailure(pageProblem(), () => openClaim(current.id));
  },
  /** Waiting past QUEUE_REOFFER_MINUTES: called out again, and the list shows the flag. */
  claimReoffered(claim) {
    refreshSoon();
    if (claim.status === 'pending_agent') stillWaiting(claim, onScreen(claim.id));
  },
  customerMessage(event) {
    if (onScreen(event.claimId)) appendCustomerMessage(event);
    // a read under way may have read the claim before this message: drawn, it would take the message off
    // the screen (the event comes once the message is stored, so a read started now has it)
    if (beingRead(event.claimId)) void reportingFailure(pageProblem(), () => openClaim(event.claimId));
    if (isMine(event.claimId)) customerWrote(event, onScreen(event.claimId));
  },
  /** The silence watch: this agent's customer waits for an answer. */
  agentReminder(event) {
    if (event.agent === session.me.username && isMine(event.claimId)) answerAwaited(event, onScreen(event.claimId));
  },
  customerTyping(event) {
    if (onScreen(event.claimId)) showCustomerTyping();
  },
  /** Events may have been missed (the stream reconnected, or the server's instances lost touch): read everything again. */
  missedEvents() {
    refreshSoon();
    if (current) void reportingFailure(pageProblem(), () => openClaim(current.id));
  },
};
