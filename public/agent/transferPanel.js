import { claimPath, post } from './api.js';
import { el } from './dom.js';
import { problemLine, reporting } from './problem.js';

/**
 * "Transfer to…": the agent who holds the chat (or an admin) hands it to an enabled colleague.
 * `colleagues` is GET /api/agent/colleagues; `ctx` is { id, me, mineNow, reloadAll }. Nothing for a
 * chat nobody holds, nor for one the signed-in agent may not move (the server decides either way).
 */
export function transferPanel(claim, colleagues, ctx) {
  if (claim.status !== 'with_agent' || !(ctx.mineNow || ctx.me.role === 'admin')) return '';
  const others = colleagues.filter((c) => c.username !== claim.handoff.agent);
  if (others.length === 0) return '';
  const problem = problemLine();
  const to = el(
    'select',
    { 'aria-label': 'Colleague to transfer the chat to' },
    ...others.map((c) => el('option', { value: c.username, text: `${c.displayName} (${c.username})` })),
  );
  const transfer = () =>
    void reporting(problem, async () => {
      await post(`${claimPath(ctx.id)}/transfer`, { to: to.value });
      await ctx.reloadAll();
    });
  return el(
    'div',
    { class: 'panel transfer' },
    el('h3', { text: 'Transfer to…' }),
    to,
    el('button', { type: 'button', text: 'Transfer', class: 'secondary', 'data-action': 'transfer', onclick: transfer }),
    problem,
  );
}
