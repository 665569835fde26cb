import { type Clock, systemClock } from '../../clock';
import type { Storage } from '../storage';
import { PgAgentStore } from './agentStore';
import { PgBotStateStore } from './botStateStore';
import { PgClaimAudit } from './claimAudit';
import { PgClaimCorrections } from './claimCorrections';
import { PgClaimNotes } from './claimNotes';
import { PgClaimRepository } from './claimRepository';
import { PgClaimStats } from './claimStats';
import { PgConversationReferences } from './conversationReferences';
import { PgDeploymentSecrets } from './deploymentSecrets';
import { PgDirectLineStore } from './directLineStore';
import { migrate, schemaIsCurrent } from './migrations';
import { PgOutbox } from './outbox';
import { PgDatabase, type PgOptions } from './pgDatabase';
import { PgProofFileStore } from './proofFileStore';
import { PgRmaNumbers } from './rmaNumbers';
import { PgTokenRevocations } from './tokenRevocations';
import { PgTranscriptRepository } from './transcriptRepository';

export interface PostgresStorageOptions extends PgOptions {
  clock?: Clock;
  /** A callback run after a commit threw (a listener's bug, not the database's). */
  onCallbackError?: (error: unknown) => void;
}

/** The PostgreSQL storage: its database handle (pool and units of work) is seen only inside src/storage/. */
export interface PostgresStorage extends Storage {
  readonly db: PgDatabase;
}

/**
 * Connects to DATABASE_URL, brings the schema up to date (safe when several instances start at
 * once) and builds every repository on it. Refuses to start when PostgreSQL cannot be reached.
 */
export async function openPostgresStorage(url: string, options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
  const db = new PgDatabase(url, options, options.onCallbackError);
  try {
    await migrate(db.pool);
  } catch (error) {
    await db.pool.end().catch(() => undefined);
    // unreachable: StorageUnavailableError (the start says the database is away); a failed migration stays itself
    throw db.translate(error);
  }
  let closed = false;
  return {
    db,
    commits: db,
    claims: new PgClaimRepository(db),
    rmaNumbers: new PgRmaNumbers(db),
    audit: new PgClaimAudit(db),
    stats: new PgClaimStats(db),
    notes: new PgClaimNotes(db),
    corrections: new PgClaimCorrections(db),
    transcript: new PgTranscriptRepository(db),
    botState: new PgBotStateStore(db),
    directLine: new PgDirectLineStore(db, options.clock ?? systemClock),
    conversationReferences: new PgConversationReferences(db),
    proofFiles: new PgProofFileStore(db),
    agents: new PgAgentStore(db),
    revocations: new PgTokenRevocations(db),
    secrets: new PgDeploymentSecrets(db),
    outbox: new PgOutbox(db, options.clock ?? systemClock),
    isReady: async () => {
      try {
        return await db.readCommitted(() => schemaIsCurrent((sql) => db.query<{ v: number }>(sql)));
      } catch {
        return false;
      }
    },
    roundTrips: () => db.roundTrips,
    conversationLockWaits: () => ({ ...db.lockWaits }),
    close: async () => {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
}
