import type { ClaimService } from '../claims/claimService';
import type { Claim } from '../domain/claim';
import type { Actor } from '../domain/claimLifecycle';
import type { ClaimNotes } from '../storage/claimNotes';
import type { ClaimRepository, PageCursor } from '../storage/claimRepository';

/** Claims read per page while looking for an agent's open chats. */
const PAGE = 200;

export interface ReturnedChat {
  claim: Claim;
}

/**
 * Gives an agent's open chats (`with_agent` claims they hold) back to the queue, each keeping its
 * place, with a note on the claim that says why; `by` is who makes the change (an admin disabling
 * the agent). A claim another agent took meanwhile is left alone. Returns the claims requeued.
 */
export async function returnChatsOf(
  username: string,
  why: string,
  by: Actor,
  deps: { repo: Pick<ClaimRepository, 'page'>; claims: Pick<ClaimService, 'requeue'>; notes: Pick<ClaimNotes, 'add'>; now: () => Date },
): Promise<Claim[]> {
  const held: Claim[] = [];
  let cursor: PageCursor | null = null;
  do {
    const page = await deps.repo.page({ statuses: ['with_agent'] }, PAGE, cursor);
    held.push(...page.items.filter((claim) => claim.handoff.agent === username));
    cursor = page.next;
  } while (cursor);
  const returned: Claim[] = [];
  for (const claim of held) {
    const back = await deps.claims.requeue(claim.id, by);
    await deps.notes.add(claim.id, { author: by.id ?? 'system', text: why, createdAt: deps.now().toISOString() });
    returned.push(back);
  }
  return returned;
}
