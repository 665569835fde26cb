/** A proof file's row: its bytes when small (`data`), else the name of its file under DATA_DIR/uploads (`file`). */
export interface ProofFileRow {
  id: string;
  claimId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  file: string | null;
  data: Buffer | null;
  createdAt: string;
}

/** The rows of the proof-of-purchase files (the bytes of large ones stay on disk, in src/attachments). */
export interface ProofFileStore {
  /** Files up to this many bytes are kept in their row; larger ones go to disk (SQLite), or none do (PostgreSQL: Infinity). */
  readonly bytesInRow: number;
  insert(row: ProofFileRow): Promise<void>;
  find(id: string): Promise<Pick<ProofFileRow, 'claimId' | 'name' | 'contentType' | 'file' | 'data'> | null>;
  /** Up to `limit` files stored before `cutoff`. */
  storedBefore(cutoff: Date, limit: number): Promise<Pick<ProofFileRow, 'id' | 'file'>[]>;
  delete(ids: string[]): Promise<void>;
}
