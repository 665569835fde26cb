import type { TurnContext } from 'botbuilder';
import type { DialogServices } from '../dialogs/dialogServices';
import type { ProofUploads } from './attachments/proofUploads';
import { createDialogServices } from './bot/dialogServices';
import { WarrantyBot } from './bot/warrantyBot';
import type { BotFrameworkCustomerChannel } from './channels/botFramework/customerChannel';
import type { ClaimEvents } from './claims/claimEvents';
import { ClaimService } from './claims/claimService';
import type { Clock } from './clock';
import type { Claim } from './domain/claim';
import type { Policy } from './domain/policy';
import type { Availability } from './handoff/availability';
import { handoffNotices } from './handoff/handoffNotices';
import { type SeatsNow, waitEstimates } from './handoff/waitEstimates';
import { WaitingRoom } from './handoff/waitingRoom';
import type { CustomerMail } from './mail/customerMail';
import { type ProofReader, ProofReadings } from './receipts/proofReadings';
import type { ReadingNewsChannel } from './receipts/readingsElsewhere';
import { EtagConversationState } from './storage/etagState';
import type { Storage } from './storage/storage';

export interface BotParts {
  storage: Storage;
  events: ClaimEvents;
  policy: Policy;
  clock: Clock;
  defaultTimeZone: string;
  uploads: ProofUploads;
  /** Where the bot's notices reach the customer. */
  channel: BotFrameworkCustomerChannel;
  /** Whether someone can answer now, and how many (hand-off notices, the waiting room's call-back offer and wait estimate). */
  availability: Availability;
  /** The seats of the agents online and how many are free, for the wait estimate (src/routing/seats.ts). */
  seats: SeatsNow;
  /** What a waiting customer sends, for the agents (the app: their live feed). */
  toAgents?: (claim: Claim, context: TurnContext) => void;
  /** Mail to customers; absent without SMTP_URL. */
  mail?: CustomerMail;
  /** Reads uploaded proof files (the app's ReaderPool); absent: nothing is read, the agent reads the files. */
  reader?: ProofReader;
  /** Longest the decision step waits for a pending reading (RECEIPT_READ_WAIT_MS). */
  receiptReadWaitMs?: number;
  /** Longest the reader takes to settle a file (ReaderPool.longestReadMs). */
  readLimitMs?: number;
  /** Where readings are announced to the other instances and heard from them (the cluster bus); absent on one instance. */
  readingNews?: ReadingNewsChannel;
  /** Where a reading that failed to be stored is reported. */
  onReadingError?: (error: unknown) => void;
  /** Test hook: the origins the bot downloads attachments from (default: the activity's serviceUrl). */
  allowedAttachmentOrigins?: (context: TurnContext) => string[];
}

/**
 * The bot and the claim service it decides with, wired the same way for the server and the
 * tests: the transports around it (adapters, routes) are the caller's.
 */
export function createBot(parts: BotParts): { bot: WarrantyBot; claims: ClaimService; services: DialogServices } {
  const { storage, events, clock, defaultTimeZone, channel, availability } = parts;
  const claims = new ClaimService(storage, parts.policy, clock, events);
  const waitEstimate = waitEstimates(storage.audit, parts.seats, availability, clock);
  events.on(handoffNotices(channel, availability, storage.claims, waitEstimate));
  const services = createDialogServices({
    claims,
    clock,
    uploads: parts.uploads,
    defaultTimeZone,
    allowedAttachmentOrigins: parts.allowedAttachmentOrigins,
    mail: parts.mail,
    readings: parts.reader
      ? new ProofReadings({
          reader: parts.reader,
          claims,
          clock,
          waitMs: parts.receiptReadWaitMs ?? 3000,
          news: parts.readingNews,
          readLimitMs: parts.readLimitMs,
          onError: parts.onReadingError,
        })
      : undefined,
  });
  const bot = new WarrantyBot({
    conversationState: new EtagConversationState(storage.botState),
    services,
    claims,
    waitingRoom: new WaitingRoom(claims, storage.claims, availability, parts.toAgents, parts.mail, waitEstimate),
    channel,
    defaultTimeZone,
  });
  return { bot, claims, services };
}
