/**
 * Secrets the deployment generates once and keeps with its data, for settings an operator may
 * leave unset: every instance of the deployment reads the same one, and a restart keeps it.
 */
export interface DeploymentSecrets {
  /** The key that signs agent and Direct Line tokens when TOKEN_SECRET is not set. */
  tokenSecret(): Promise<string>;
}
