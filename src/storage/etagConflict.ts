/**
 * A dialog state write carried an eTag the stored state has moved on from: someone wrote the
 * conversation's state between this turn's read and its write (a write that bypassed the
 * conversation's lock, an old instance during a rolling deploy). Nothing of the turn is kept on
 * PostgreSQL; the turn runner runs it again from a fresh read (TurnRunner), never telling the customer.
 */
export class EtagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'EtagConflictError';
  }
}

/** The SQLSTATE PostgreSQL raises for it (qsee_expect_state, migrations.ts): a class of our own, no other error has it. */
export const ETAG_CONFLICT_SQLSTATE = 'QETAG';
