import type { Clock } from '../clock';
import type { MailConfig } from '../config/config';
import type { Claim } from '../domain/claim';
import { type ConversationKey, conversationOf, keyText } from '../domain/conversationKey';
import { addressKey, isEmailAddress, mailboxKey } from '../domain/emailAddress';
import type { Policy } from '../domain/policy';
import type { MailKind, Outbox, OutboxEntry } from '../storage/outbox';
import type { TranscriptEntry } from '../storage/transcriptRepository';
import { agentReplyMail } from './messages/agentReplyMail';
import { decisionMail } from './messages/decisionMail';
import type { ComposedMail } from './messages/mailLayout';
import { transcriptMail } from './messages/transcriptMail';

const HOUR_MS = 3_600_000;

/** Why a mail was not queued: no address known, not an address, one that bounced, or the hour's limit reached. */
export type MailRefusal = 'no_address' | 'invalid_address' | 'bounced' | 'too_many';
/** `linked`: the mail carries the link back to the conversation (only our help page's conversations can be reopened). */
export type MailQueued = { queued: true; to: string; entry: OutboxEntry; linked: boolean } | { queued: false; why: MailRefusal };

export interface CustomerMailDeps {
  outbox: Outbox;
  policy: Policy;
  clock: Clock;
  limits: MailConfig['limits'];
  /** The signed link that reopens a conversation (null for one the help page cannot open), valid `linkDays`. */
  linkFor(conversation: ConversationKey): string | null;
  linkDays: number;
  transcriptOf(claim: Claim): Promise<TranscriptEntry[]>;
  /** Runs once the mail just queued is committed: the sender takes it at once rather than at its next poll. */
  queued(): void;
}

/** The address a claim's mail goes to: the customer's, else the one left for a call-back. */
export const knownAddress = (claim: Claim): string | null => claim.customer.email ?? claim.handoff.callbackEmail;

/**
 * What customers get by email, queued in the outbox with the turn (or the agent's request) that
 * asked for it. Addresses that anonymous customers typed get a bounded number of mails: per
 * address, per conversation and in all, per hour; agents' mails are not limited. Nothing goes to
 * an address that bounced permanently.
 */
export class CustomerMail {
  constructor(private readonly deps: CustomerMailDeps) {}

  /**
   * The decision (RMA number and next steps, why not covered, or the proof still needed), to `to`
   * or the claim's known address. `requestedBy`: the customer (the assistant's decision, limited)
   * or the agent who decided (`agent:<username>`, not limited).
   */
  decision(claim: Claim, to: string | null = knownAddress(claim), requestedBy = 'customer'): Promise<MailQueued> {
    return this.queue(claim, 'decision', to, requestedBy, (link) => decisionMail(claim, this.deps.policy, link));
  }

  /** The conversation so far. */
  async transcript(claim: Claim, to: string | null = knownAddress(claim)): Promise<MailQueued> {
    const transcript = await this.deps.transcriptOf(claim);
    return this.queue(claim, 'transcript', to, 'customer', (link) =>
      transcriptMail(claim, this.deps.policy, transcript, link, claim.timeZone ?? 'UTC'),
    );
  }

  /** An agent's answer to the claim's customer (one who left the chat). */
  agentReply(claim: Claim, agent: { username: string; name: string }, text: string): Promise<MailQueued> {
    return this.queue(claim, 'agent_reply', knownAddress(claim), `agent:${agent.username}`, (link) =>
      agentReplyMail(claim, this.deps.policy, agent.name, text, link),
    );
  }

  private async queue(
    claim: Claim,
    kind: MailKind,
    to: string | null,
    requestedBy: string,
    compose: (link: { url: string; validDays: number } | null) => ComposedMail | null,
  ): Promise<MailQueued> {
    if (!to) return { queued: false, why: 'no_address' };
    if (!isEmailAddress(to)) return { queued: false, why: 'invalid_address' };
    const { outbox } = this.deps;
    if (await outbox.isSuppressed(addressKey(to))) return { queued: false, why: 'bounced' };
    const conversation = keyText(conversationOf(claim));
    const url = this.deps.linkFor(conversationOf(claim));
    const mail = compose(url ? { url, validDays: this.deps.linkDays } : null);
    if (!mail) return { queued: false, why: 'no_address' };
    const add = () => outbox.add({ kind, claimId: claim.id, conversation, to, requestedBy, ...mail }, this.deps.clock.now().toISOString());
    const entry = requestedBy === 'customer' ? await this.withinLimits(to, conversation, add) : await add();
    if (!entry) return { queued: false, why: 'too_many' };
    this.deps.queued();
    return { queued: true, to, entry, linked: url !== null };
  }

  /**
   * Adds the mail unless the limits are reached. Counting and adding take turns per mailbox — in
   * this process, and across instances through the outbox's lock (held until the unit commits) —
   * or two conversations mailing one inbox at the same moment would both pass the count.
   */
  private async withinLimits(to: string, conversation: string, add: () => Promise<OutboxEntry>): Promise<OutboxEntry | null> {
    const mailbox = mailboxKey(to);
    const turn = (this.counting.get(mailbox) ?? Promise.resolve()).then(async () => {
      await this.deps.outbox.lockMailbox(mailbox);
      return (await this.overLimit(to, conversation)) ? null : add();
    });
    const done = turn.then(
      () => undefined,
      () => undefined,
    );
    this.counting.set(mailbox, done);
    void done.then(() => {
      if (this.counting.get(mailbox) === done) this.counting.delete(mailbox);
    });
    return turn;
  }

  /** Per mailbox, when the count-and-add under way is done. */
  private readonly counting = new Map<string, Promise<void>>();

  private async overLimit(to: string, conversation: string): Promise<boolean> {
    const { outbox, limits } = this.deps;
    const since = new Date(this.deps.clock.now().getTime() - HOUR_MS).toISOString();
    const requestedBy = 'customer';
    const [toAddress, inConversation, inAll] = await Promise.all([
      outbox.countSince({ to, requestedBy }, since),
      outbox.countSince({ conversation, requestedBy }, since),
      outbox.countSince({ requestedBy }, since),
    ]);
    return toAddress >= limits.perAddressPerHour || inConversation >= limits.perConversationPerHour || inAll >= limits.perHour;
  }
}
