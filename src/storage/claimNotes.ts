import type { Page, PageCursor } from './claimRepository';

export interface ClaimNote {
  author: string;
  text: string;
  createdAt: string;
}

/** Agents' private notes on a claim. */
export interface ClaimNotes {
  add(claimId: string, note: ClaimNote): Promise<void>;
  /** A claim's notes, oldest first, one page after `cursor`. */
  page(claimId: string, limit: number, cursor: PageCursor | null): Promise<Page<ClaimNote>>;
}
