import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type Activity, ActivityTypes, type CloudAdapter, type ConversationReference, TestAdapter, TurnContext } from 'botbuilder';
import type { DialogServices } from '../../dialogs/dialogServices';
import type { Downloader } from '../../src/attachments/download';
import { ProofUploads } from '../../src/attachments/proofUploads';
import { conversationScope } from '../../src/bot/conversationScope';
import { replyCoalescer } from '../../src/bot/replyCoalescer';
import { transcriptMiddleware } from '../../src/bot/transcriptMiddleware';
import { BotFrameworkCustomerChannel } from '../../src/channels/botFramework/customerChannel';
import { ClaimEvents } from '../../src/claims/claimEvents';
import type { ClaimService } from '../../src/claims/claimService';
import { fixedClock } from '../../src/clock';
import type { MailConfig } from '../../src/config/config';
import { createBot } from '../../src/createBot';
import type { Claim } from '../../src/domain/claim';
import { channelOfServiceUrl, conversationOf } from '../../src/domain/conversationKey';
import type { Policy } from '../../src/domain/policy';
import { AgentPresence } from '../../src/handoff/agentPresence';
import { CustomerMail } from '../../src/mail/customerMail';
import type { ProofReader } from '../../src/receipts/proofReadings';
import { countSeats } from '../../src/routing/seats';
import { qseePolicy } from './policy';
import { openTestStorage, type TestStorage } from './store';

/** Tiny valid files, and one that only pretends to be a JPEG. */
export const FILES: Record<string, Buffer> = {
  'receipt.jpg': Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
  ]),
  'receipt.png': Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a5c30000000049454e44ae426082',
    'hex',
  ),
  'receipt.pdf': Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  'fake.jpg': Buffer.from('this is just text pretending to be a photo'),
  'huge.jpg': Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(10 * 1024 * 1024 + 10)]),
};
export const SERVICE_URL = 'https://test.com';
/** The channel of TestAdapter's conversations (its serviceUrl's origin). */
export const TEST_CHANNEL = 'https://test.com';
/** Gives a test turn its conversation key, as the real adapters do. */
export const testConversationScope = () => conversationScope((context) => channelOfServiceUrl(context.activity.serviceUrl));

/** A fetch that serves FILES from the test channel's origin, like a channel's attachment store. */
/** The channel's attachment URLs, served from FILES by name. */
const fakeDownload: Downloader = async (url, maxBytes) => {
  const body = FILES[url.split('/').pop() ?? ''];
  if (!body) return { ok: false, problem: 'download_failed' };
  return body.length > maxBytes ? { ok: false, problem: 'too_big' } : { ok: true, bytes: body };
};

export interface Harness {
  dataDir: string;
  /** The store under test (SQLite or PostgreSQL): read its rows with `rows(h.storage, …)`. */
  storage: TestStorage;
  policy: Policy;
  clock: ReturnType<typeof fixedClock>;
  claims: ClaimService;
  services: DialogServices;
  adapter: TestAdapter;
  /** Delivers to the customer; tests that run dialogs without the bot wrap turns in `channel.withTurn`. */
  channel: BotFrameworkCustomerChannel;
  /** Sends a message (or an activity) and returns everything the bot sent in that turn. */
  say(textOrActivity: string | Partial<Activity>): Promise<Partial<Activity>[]>;
  /** Sends the conversationUpdate a channel sends when the customer joins. */
  join(): Promise<Partial<Activity>[]>;
  upload(name: string): Promise<Partial<Activity>[]>;
  claim(): Promise<Claim>;
  /** Closes the storage; a harness started again on `dataDir` finds the same database. */
  close(): Promise<void>;
}

/** The bot on the store under test (SQLite in a temp folder, or PostgreSQL), a fixed clock and a collecting channel. */
export async function createHarness(
  options: {
    now?: string;
    timeZone?: string;
    dataDir?: string;
    policy?: Policy;
    /** Mail on (as with SMTP_URL): queued in the store's outbox, with these limits per hour. */
    mail?: Partial<MailConfig['limits']>;
    /** Agents connected to the console (default: nobody online, so hand-offs offer a call-back). */
    agentsOnline?: string[];
    /** Open chats each online agent can hold, for the wait estimate (default 3, as AGENT_CAPACITY's). */
    agentCapacity?: number;
    /** Reads uploaded proof files (default: none, as with RECEIPT_READER off); dialog tests give a test double. */
    reader?: ProofReader;
    /** How long the decision waits for a pending reading (default 3000 ms, as RECEIPT_READ_WAIT_MS). */
    receiptReadWaitMs?: number;
  } = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'warranty-test-'));
  const policy = options.policy ?? qseePolicy();
  const clock = fixedClock(options.now ?? '2026-03-02T17:30:00Z');
  const timeZone = options.timeZone ?? 'America/New_York';
  const storage = await openTestStorage({
    dir: dataDir,
    // the store ends mail suppressions by the same clock
    clock,
    onCommitError: (error) => {
      throw error;
    },
  });
  const { commits } = storage;
  const events = new ClaimEvents((error) => {
    throw error;
  });
  const uploads = new ProofUploads(dataDir, storage.proofFiles, commits, fakeDownload);
  // what is delivered outside a customer's turn (a hand-off after a late receipt reading) goes through the test adapter
  const proactive = {
    continueConversationAsync: (
      _appId: string,
      reference: Partial<ConversationReference>,
      logic: (context: TurnContext) => Promise<void>,
    ) =>
      logic(
        new TurnContext(
          adapter,
          TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true) as Activity,
        ),
      ),
  } as unknown as CloudAdapter;
  const channel = new BotFrameworkCustomerChannel(proactive, undefined, storage.conversationReferences);
  // nobody online unless asked: hand-offs offer a call-back; attachments come from the test channel
  const availability = new AgentPresence();
  for (const username of options.agentsOnline ?? []) availability.connect(username);
  const agentCapacity = options.agentCapacity ?? 3;
  const seats = async () => countSeats(availability.usernames(), async () => agentCapacity, await storage.claims.openChats());
  const allowedAttachmentOrigins = () => [SERVICE_URL];
  const mail = options.mail
    ? new CustomerMail({
        outbox: storage.outbox,
        policy,
        clock,
        limits: { perAddressPerHour: 5, perConversationPerHour: 5, perHour: 300, ...options.mail },
        linkFor: () => null,
        linkDays: 30,
        transcriptOf: (claim) => storage.transcript.forConversation(conversationOf(claim)),
        queued: () => {},
      })
    : undefined;
  const { bot, claims, services } = createBot({
    mail,
    storage,
    events,
    policy,
    clock,
    uploads,
    channel,
    availability,
    seats,
    allowedAttachmentOrigins,
    defaultTimeZone: timeZone,
    reader: options.reader,
    receiptReadWaitMs: options.receiptReadWaitMs,
    onReadingError: (error) => {
      throw error;
    },
  });
  const adapter = new TestAdapter(async (context) => {
    await bot.onTurn(context);
    commits.flush();
  });
  // a turn is a unit of work, middleware included, as the turn runner runs it in the server
  const runTurn = (activity: Activity) => commits.unit(() => adapter.processActivity(activity));
  adapter.use(testConversationScope());
  adapter.use(replyCoalescer());
  adapter.use(transcriptMiddleware(storage.transcript, clock));
  const drain = () => adapter.activeQueue.splice(0, adapter.activeQueue.length);
  const send = async (activity: Partial<Activity>) => {
    drain();
    await runTurn({ ...adapter.makeActivity(), ...activity, localTimezone: timeZone } as Activity);
    return drain();
  };
  return {
    dataDir,
    storage,
    policy,
    clock,
    claims,
    services,
    adapter,
    channel,
    say: (input) => send(typeof input === 'string' ? { type: ActivityTypes.Message, text: input } : input),
    join: () =>
      send({
        type: ActivityTypes.ConversationUpdate,
        membersAdded: [
          { id: 'user', name: 'User1' },
          { id: 'bot', name: 'Bot' },
        ],
        recipient: { id: 'bot', name: 'Bot' },
      }),
    upload: (name) =>
      send({
        type: ActivityTypes.Message,
        text: '',
        attachments: [{ contentType: 'image/jpeg', contentUrl: `${SERVICE_URL}/files/${name}`, name }],
      }),
    claim: async () => (await claims.current({ channel: TEST_CHANNEL, id: adapter.conversation.conversation.id })) as Claim,
    close: () => storage.close(),
  };
}

/** The prompt name of the last asking message in a batch of replies. */
export function askedFor(replies: Partial<Activity>[]): string | undefined {
  const asking = replies.filter((r) => r.inputHint === 'expectingInput');
  return (asking.at(-1)?.channelData as { prompt?: string } | undefined)?.prompt;
}

export const texts = (replies: Partial<Activity>[]) => replies.map((r) => r.text ?? '').join('\n');
export const handoffEvent = (replies: Partial<Activity>[]) => replies.find((r) => r.type === 'event' && r.name === 'handoff.initiate');
