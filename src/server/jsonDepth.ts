/** Whether a parsed JSON value nests at most `max` objects/arrays deep (walked without recursion). */
export function withinDepth(value: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length) {
    const next = stack.pop() as { value: unknown; depth: number };
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth >= max) return false;
    for (const child of Object.values(next.value as object)) stack.push({ value: child, depth: next.depth + 1 });
  }
  return true;
}
