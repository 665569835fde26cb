import { mayCorrect } from './correctionPanel.js';
import { el } from './dom.js';
import { drawable, fetchProofFile, fileProblem } from './proofFile.js';
import { receiptCorrectionForm } from './receiptCorrectionForm.js';
import { readingProblemLabel } from './vocabulary.js';

const percent = (confidence) => `${Math.round(confidence * 100)}% sure`;
const SOURCE_WORDS = { 'text-layer': "from the PDF's text", ocr: 'by OCR' };

/** What the claim says of the purchase date against this file's: only for the file the claim relies on. */
function agreement(claim, file) {
  const receipt = claim.proof.receipt;
  if (!receipt || receipt.fileId !== file.id || receipt.agreesWithStated === null) return '—';
  const said = claim.purchase.text ? ` ("${claim.purchase.text}")` : '';
  return receipt.agreesWithStated ? `Agrees with the customer's date${said}` : `Differs from the customer's date${said}`;
}

/** The reader's findings as label/value rows, each with how sure it was. */
function readerRows(facts) {
  const date = facts.purchaseDate;
  return [
    ['Date', date ? `${date.date} (${percent(date.confidence)}) — page ${date.page}, line ${date.line}: “${date.evidence}”` : 'not found'],
    ['Seller', facts.seller ? `${facts.seller.seller} (${percent(facts.seller.confidence)})` : 'not found'],
    ['Models', facts.models.length ? facts.models.map((m) => `${m.model} (${percent(m.confidence)})`).join(', ') : 'no Q-See model found'],
  ];
}

function agentRows(reading) {
  return [
    ['Date', reading.purchaseDate ?? 'none on the receipt'],
    ['Seller', reading.seller ?? 'none on the receipt'],
    ['Models', reading.models.join(', ') || 'no Q-See model'],
  ];
}

const rows = (pairs) => el('dl', {}, ...pairs.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', { text: value })]));

/**
 * The file drawn with a box over the line the date was read from (images; a PDF opens in a tab, and
 * the page and line say where).
 */
async function showSpot(file, spot, where) {
  const response = await fetchProofFile(file);
  if (!response?.ok) {
    where.replaceChildren(el('p', { class: 'error', text: fileProblem(file, response) }));
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  // an image's bytes are freed once it is drawn
  if (!drawable(file.contentType)) {
    where.replaceChildren(el('a', { href: url, target: '_blank', rel: 'noopener', text: `Open ${file.name} (page ${spot.page})` }));
    return;
  }
  const box = el('div', { class: 'spot', title: 'The purchase date was read here' });
  box.style.left = `${spot.x * 100}%`;
  box.style.top = `${spot.y * 100}%`;
  box.style.width = `${spot.width * 100}%`;
  box.style.height = `${spot.height * 100}%`;
  const image = el('img', { src: url, alt: `Proof of purchase: ${file.name}` });
  image.addEventListener('load', () => URL.revokeObjectURL(url), { once: true });
  where.replaceChildren(el('div', { class: 'spot-view' }, image, box));
}

/** One proof file: what the reader made of it, the agent's own reading if they corrected it, and where the date is. */
function fileReading(claim, file, ctx) {
  const reading = file.reading;
  const section = el('section', { class: 'reading', 'data-file-id': file.id }, el('h4', { text: file.name }));
  if (!reading) section.append(el('p', { class: 'muted', text: 'Not read yet.' }));
  else if (reading.status !== 'read')
    section.append(el('p', { class: 'muted', text: `Not read: ${readingProblemLabel(reading.reason)}. Open the file to check it.` }));
  else {
    section.append(el('p', { class: 'muted', text: `Read ${SOURCE_WORDS[reading.source] ?? ''}, ${reading.pages} page(s).` }));
    section.append(rows(readerRows(reading.facts)));
  }
  if (file.agentReading)
    section.append(el('p', { class: 'corrected', text: 'Corrected by an agent:' }), rows(agentRows(file.agentReading)));
  section.append(rows([['Agreement', agreement(claim, file)]]));
  const spot = reading?.status === 'read' ? reading.dateSpot : null;
  if (spot) {
    const view = el('div', {});
    section.append(
      el('button', { type: 'button', class: 'secondary', text: 'Show where the date is', onclick: () => showSpot(file, spot, view) }),
      view,
    );
  }
  if (mayCorrect(claim, ctx)) section.append(receiptCorrectionForm(file, ctx));
  return section;
}

/** What the claim makes of its receipt, for the agent: "receipt confirms the purchase date", the customer's answer… */
function receiptNotes(claim) {
  const notes = claim.proof.receipt?.notes ?? [];
  return notes.length ? el('ul', { class: 'receipt-notes' }, ...notes.map((note) => el('li', { text: note }))) : '';
}

/** "Receipt reading": each proof file as the reader read it, beside the file (issue 22). */
export function receiptPanel(claim, ctx) {
  if (!claim.proof.files.length) return '';
  return el(
    'div',
    { class: 'panel receipt' },
    el('h3', { text: 'Receipt reading' }),
    receiptNotes(claim),
    ...claim.proof.files.map((f) => fileReading(claim, f, ctx)),
  );
}
