import { type Clock, systemClock } from '../../clock';
import type { Storage } from '../storage';
import { SqliteAgentStore } from './agentStore';
import { SqliteBotStateStore } from './botStateStore';
import { SqliteClaimAudit } from './claimAudit';
import { SqliteClaimCorrections } from './claimCorrections';
import { SqliteClaimNotes } from './claimNotes';
import { SqliteClaimRepository } from './claimRepository';
import { SqliteClaimStats } from './claimStats';
import { SqliteConversationReferences } from './conversationReferences';
import { type Db, isDatabaseReady, openDatabase } from './database';
import { SqliteDeploymentSecrets } from './deploymentSecrets';
import { SqliteDirectLineStore } from './directLineStore';
import { GroupCommit, type GroupCommitOptions } from './groupCommit';
import { SqliteOutbox } from './outbox';
import { SqliteProofFileStore } from './proofFileStore';
import { SqliteReaderThread } from './readerThread';
import { SqliteRmaNumbers } from './rmaNumbers';
import { SqliteTokenRevocations } from './tokenRevocations';
import { SqliteTranscriptRepository } from './transcriptRepository';
import { WalCheckpointer } from './walCheckpointer';

export interface SqliteStorageOptions {
  clock?: Clock;
  /** A batch that failed to commit at the end of its tick (nobody awaited it). */
  onCommitError?: (error: unknown) => void;
  /** Test hooks of the group commit. */
  groupCommit?: GroupCommitOptions;
  /** Checkpoint the write-ahead log on a worker thread (the server); false leaves it to SQLite (tests, scripts). */
  checkpointInBackground?: boolean;
}

/** The SQLite storage: the database handle and its group commit, which nothing outside src/storage/ sees. */
export interface SqliteStorage extends Storage {
  readonly db: Db;
  readonly commits: GroupCommit;
}

/** Opens (or creates) DATA_DIR's database, brings its schema up to date and builds every repository on it. */
export function openSqliteStorage(dataDir: string, options: SqliteStorageOptions = {}): SqliteStorage {
  const db = openDatabase(dataDir);
  const checkpointer = options.checkpointInBackground === false ? null : WalCheckpointer.start(db);
  const commits = new GroupCommit(db, options.onCommitError, options.groupCommit);
  const reader = new SqliteReaderThread(db.name);
  return {
    db,
    commits,
    claims: new SqliteClaimRepository(db, commits),
    rmaNumbers: new SqliteRmaNumbers(db, commits),
    audit: new SqliteClaimAudit(db, commits),
    stats: new SqliteClaimStats(commits, reader),
    notes: new SqliteClaimNotes(db, commits),
    corrections: new SqliteClaimCorrections(db, commits),
    transcript: new SqliteTranscriptRepository(db, commits),
    botState: new SqliteBotStateStore(db, commits),
    directLine: new SqliteDirectLineStore(db, commits, options.clock ?? systemClock),
    conversationReferences: new SqliteConversationReferences(db, commits),
    proofFiles: new SqliteProofFileStore(db, commits),
    agents: new SqliteAgentStore(db, commits),
    revocations: new SqliteTokenRevocations(db, commits),
    secrets: new SqliteDeploymentSecrets(dataDir),
    outbox: new SqliteOutbox(db, commits, options.clock ?? systemClock),
    isReady: async () => isDatabaseReady(db),
    roundTrips: () => 0,
    conversationLockWaits: () => ({ count: 0, ms: 0 }),
    close: async () => {
      if (!db.open) return;
      commits.flush();
      await reader.stop();
      await checkpointer?.stop();
      db.close();
    },
  };
}
