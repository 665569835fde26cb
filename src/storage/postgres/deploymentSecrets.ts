import { randomBytes } from 'node:crypto';
import type { DeploymentSecrets } from '../deploymentSecrets';
import type { PgDatabase } from './pgDatabase';

/**
 * Several instances on one database: the first to start generates the secret, the others read
 * it. Two statements, not one: the read must see a row another instance committed while this
 * one's insert waited for it, which a statement's own snapshot would not.
 */
export class PgDeploymentSecrets implements DeploymentSecrets {
  constructor(private readonly db: PgDatabase) {}

  async tokenSecret(): Promise<string> {
    await this.db.query('INSERT INTO deployment_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
      'token',
      randomBytes(32).toString('base64url'),
    ]);
    const { rows } = await this.db.query<{ value: string }>('SELECT value FROM deployment_secrets WHERE name = $1', ['token']);
    return rows[0].value;
  }
}
