/** How long a customer has waited, in words. */
export function waited(iso) {
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60000));
  return minutes < 1 ? 'just now' : minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A claim in one line for the lists: product, purchase, problem. */
export const oneLine = (c) =>
  [c.product.model || c.product.text, c.purchase.date || c.purchase.text, c.problem.text].filter(Boolean).join(' · ') || 'No details yet';

/** Who made a change in the claim's history. */
export const actorName = (entry) =>
  entry.actorKind === 'bot' ? 'assistant' : entry.actorKind === 'system' ? `system (${entry.actorId})` : entry.actorId || entry.actorKind;
