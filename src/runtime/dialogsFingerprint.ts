import { createHash } from 'node:crypto';
import { type Dialog, DialogContainer, WaterfallDialog } from 'botbuilder-dialogs';

/**
 * What a saved dialog stack depends on, as one short hash: every dialog's id and kind and, for a
 * waterfall, its steps by name and order — a stack saves the index of the step it waits in, so a
 * step added, removed or moved makes that index mean another question. botbuilder's own version
 * (ids and step counts) misses a moved step. `stateVersion` is bumped by hand when what a step keeps
 * in its values changes without its steps changing.
 *
 * During a rolling deploy, old and new instances serve one conversation in turn: each recognises a
 * stack written by the other by this fingerprint, and resumes the claim at its question instead.
 */
export function dialogsFingerprint(root: DialogContainer, stateVersion: number): string {
  const parts = new Set<string>([`state:${stateVersion}`]);
  const visit = (dialog: Dialog) => {
    const part = describe(dialog);
    if (parts.has(part)) return;
    parts.add(part);
    if (dialog instanceof DialogContainer) for (const child of dialog.dialogs.getDialogs()) visit(child);
  };
  visit(root);
  return createHash('sha256')
    .update([...parts].sort().join('\n'))
    .digest('base64url')
    .slice(0, 16);
}

function describe(dialog: Dialog): string {
  const kind = dialog.constructor.name;
  if (!(dialog instanceof WaterfallDialog)) return `${kind}:${dialog.id}`;
  // private in botbuilder's typings, and the only place the steps are
  const steps = (dialog as unknown as { steps: Array<(...args: never[]) => unknown> }).steps;
  return `${kind}:${dialog.id}:${steps.map((step) => step.name).join(',')}`;
}
