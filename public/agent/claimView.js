import { api, apiAll, claimPath } from './api.js';
import { composer } from './composer.js';
import { correctionPanel } from './correctionPanel.js';
import { decisionPanel } from './decisionPanel.js';
import { claimDetails } from './details.js';
import { byId, el } from './dom.js';
import { emailPanel, loadClaimMails } from './emailPanel.js';
import { historyPanel } from './history.js';
import { mailEnabled } from './mailSettings.js';
import { notesPanel } from './notesPanel.js';
import { receiptPanel } from './receiptPanel.js';
import { chatEndedLine } from './silence.js';
import { timerLine } from './timers.js';
import { transcriptView, typingLine } from './transcript.js';
import { transferPanel } from './transferPanel.js';

/** Everything the case view shows: the claim with its transcript and history, its notes, the canned replies, the colleagues a chat can go to, its mails (when mail is on). */
export async function loadCase(id) {
  const claim = await api(claimPath(id));
  const notes = await apiAll(`${claimPath(id)}/notes`);
  const canned = await api('/api/agent/canned');
  const colleagues = await api('/api/agent/colleagues');
  // mail that cannot be read does not keep the claim from opening: the email panel says what went wrong
  const mails = mailEnabled()
    ? await loadClaimMails(id).catch((error) => ({ items: [], total: 0, next: null, error: error.message }))
    : null;
  return { claim, notes, canned, colleagues, mails };
}

/**
 * Shows a claim: the conversation, reply box and email on the left, details and actions on the right.
 * `ctx` is { id, me, mineNow, reload(), reloadAll(), accept() }.
 */
export function renderCase({ claim, notes, canned, colleagues, mails }, ctx) {
  // drawn again while the agent types (a reading landed, the claim changed): the reply box keeps its focus
  const typing = document.activeElement?.id === 'reply';
  const transcript = transcriptView(claim);
  const accept = claim.status === 'pending_agent' ? el('button', { type: 'button', text: 'Accept this claim', onclick: ctx.accept }) : '';
  byId('case').replaceChildren(
    el(
      'div',
      {},
      accept,
      chatEndedLine(claim),
      timerLine(claim),
      transcript,
      typingLine(),
      ...composer(canned, ctx),
      mails ? emailPanel(claim, mails, ctx) : '',
    ),
    el(
      'div',
      {},
      claimDetails(claim),
      receiptPanel(claim, ctx),
      correctionPanel(claim, ctx),
      decisionPanel(claim, ctx),
      transferPanel(claim, colleagues, ctx),
      historyPanel(claim),
      notesPanel(notes, ctx),
    ),
  );
  transcript.scrollTop = transcript.scrollHeight;
  if (typing) byId('reply')?.focus();
}
