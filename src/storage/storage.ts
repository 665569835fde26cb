import type { AgentStore } from './agentStore';
import type { BotStateStore } from './botStateStore';
import type { ClaimAudit } from './claimAudit';
import type { ClaimCorrections } from './claimCorrections';
import type { ClaimNotes } from './claimNotes';
import type { ClaimRepository } from './claimRepository';
import type { ClaimStats } from './claimStats';
import type { Commits } from './commits';
import type { ConversationReferences } from './conversationReferences';
import type { DeploymentSecrets } from './deploymentSecrets';
import type { DirectLineStore } from './directLineStore';
import type { Outbox } from './outbox';
import type { ProofFileStore } from './proofFileStore';
import type { RmaNumbers } from './rmaNumbers';
import type { TokenRevocations } from './tokenRevocations';
import type { TranscriptRepository } from './transcriptRepository';

/**
 * Everything the server keeps, behind one port: the composition root opens one `Storage`
 * (`openStorage`: SQLite, or PostgreSQL with DATABASE_URL) and hands each part its repository. No SQL and no database
 * handle exist outside src/storage/.
 */
export interface Storage {
  claims: ClaimRepository;
  rmaNumbers: RmaNumbers;
  audit: ClaimAudit;
  notes: ClaimNotes;
  /** Agents' corrections of claim facts. */
  corrections: ClaimCorrections;
  /** The supervisor's dashboard figures and CSV export, and the agents' corrections counted. */
  stats: ClaimStats;
  transcript: TranscriptRepository;
  botState: BotStateStore;
  directLine: DirectLineStore;
  conversationReferences: ConversationReferences;
  proofFiles: ProofFileStore;
  agents: AgentStore;
  revocations: TokenRevocations;
  secrets: DeploymentSecrets;
  /** Mail waiting to go out, sent, or given up. */
  outbox: Outbox;
  /** The unit of work: what the turn runner and the routes wait for. */
  commits: Commits;
  /** Whether the database answers and its schema is up to date (a cheap query). */
  isReady(): Promise<boolean>;
  /** Statements sent to the database server so far (SQLite runs in the process: 0). */
  roundTrips(): number;
  /** Turns that waited for their conversation's lock (held by a turn on another instance), and for how long in all (SQLite has no such lock: zeros). */
  conversationLockWaits(): { count: number; ms: number };
  /** Commits what is pending and closes the database. */
  close(): Promise<void>;
}
