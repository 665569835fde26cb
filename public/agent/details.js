import { el } from './dom.js';
import { drawable, fetchProofFile, fileProblem } from './proofFile.js';
import { handoffLabel, statusLabel } from './vocabulary.js';

const KB = 1024;

/** Fetches a proof file with the token and shows it below its button (or says why it cannot). */
async function preview(file, where) {
  const response = await fetchProofFile(file);
  if (!response?.ok) {
    where.append(el('p', { class: 'error', text: fileProblem(file, response) }));
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  where.append(
    drawable(file.contentType)
      ? el('img', { src: url, alt: `Proof of purchase: ${file.name}` })
      : el('a', { href: url, target: '_blank', rel: 'noopener', text: `Open ${file.name}` }),
  );
}

function proofFiles(claim) {
  const files = el('div', { class: 'files' });
  for (const f of claim.proof.files) {
    const text = `Preview ${f.name} (${Math.round(f.size / KB)} KB)`;
    files.append(el('button', { type: 'button', class: 'secondary', text, onclick: () => preview(f, files) }));
  }
  return files;
}

function purchaseRead(p) {
  return p.date || (p.earliest ? `${p.earliest} – ${p.latest}` : p.readings.join(' or ')) || '—';
}

function conditions(c) {
  return [...c.exclusions.map((x) => `${x} (stated)`), ...c.unsure.map((x) => `${x} (unsure)`)].join(', ') || 'none reported';
}

const botThought = (bot) => (bot ? `${bot.outcome} ${bot.reasons.join(', ')}` : 'no decision');

/** What the claim says so far, as label/value pairs. */
export function claimDetails(claim) {
  const product = `${claim.product.text || '—'}${claim.product.model ? ` (${claim.product.model})` : ''}`;
  const rows = [
    ['Status', statusLabel(claim.status)],
    ['Hand-off', handoffLabel(claim.handoff.reason) || '—'],
    ['Product', product],
    ['Bought (said)', claim.purchase.text || '—'],
    ['Bought (read)', purchaseRead(claim.purchase)],
    ['Proof', el('dd', {}, `${claim.proof.type || '—'}; ${claim.proof.files.length} file(s)`, proofFiles(claim))],
    ['Problem', claim.problem.text || '—'],
    ['Conditions', conditions(claim.conditions)],
    ['Bot thought', botThought(claim.decision.bot)],
    ['Call-back', claim.handoff.callbackEmail || '—'],
  ];
  return el(
    'div',
    { class: 'details' },
    el('h2', { text: `Claim ${claim.id.slice(0, 8)}` }),
    el('dl', {}, ...rows.flatMap(([term, value]) => [el('dt', { text: term }), value instanceof Node ? value : el('dd', { text: value })])),
  );
}
