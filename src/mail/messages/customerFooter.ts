import type { Policy } from '../../domain/policy';

/** The signed link back to the conversation, and for how many days it opens it. */
export type ResumeLink = { url: string; validDays: number };

/** What every customer mail ends with: replies are not read in the chat, and where help is. */
export const customerFooter = (policy: Policy): string[] => [
  `Replies to this email don't reach the chat. To continue your claim, use the link above, or visit ${policy.links.support}.`,
  `You're receiving this because this address was given in a chat with ${policy.brand} support.`,
];
