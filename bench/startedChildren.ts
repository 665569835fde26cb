import type { ChildProcess } from 'node:child_process';

/** Every server and proxy the bench started that still runs: killed if the bench fails, so none is left behind. */
export const startedChildren = new Set<ChildProcess>();

/** Keeps `child` in startedChildren until it exits. */
export function track(child: ChildProcess): ChildProcess {
  startedChildren.add(child);
  child.once('exit', () => startedChildren.delete(child));
  return child;
}
