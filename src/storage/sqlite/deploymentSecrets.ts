import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DeploymentSecrets } from '../deploymentSecrets';

/** One instance on SQLite: the secret is a file in DATA_DIR beside the database, readable by its owner only. */
export class SqliteDeploymentSecrets implements DeploymentSecrets {
  constructor(private readonly dataDir: string) {}

  async tokenSecret(): Promise<string> {
    const file = path.join(this.dataDir, 'token-secret');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}
