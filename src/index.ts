import 'dotenv/config';
import { loadConfig } from './config/config';
import { createLogger } from './logger';
import { shareGeneratorPrototypeInFrameworkModules } from './runtime/sharedGeneratorPrototype';

const isLoopbackHost = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

/** Starts the server; stops gracefully on SIGINT/SIGTERM (in-flight turns finish, the database closes). */
async function main(): Promise<void> {
  // before the Bot Framework loads (with the app): its modules are rewritten as they load
  const framework = shareGeneratorPrototypeInFrameworkModules();
  const { createApp } = await import('./app');
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, { logger });
  const { port } = await app.listen();
  logger.info(
    {
      port,
      database: config.database ? 'postgres' : 'sqlite',
      dataDir: config.dataDir,
      localMode: config.bot.localMode,
      frameworkModulesSharingGeneratorPrototype: framework.patched,
    },
    `warranty assistant listening on http://localhost:${port}`,
  );
  if (!config.publicUrl && !isLoopbackHost(config.host))
    logger.warn(
      { host: config.host },
      'PUBLIC_URL is not set: links and chat streams name this machine as localhost, which browsers on other machines cannot reach. Set PUBLIC_URL to the address customers use.',
    );
  if (!config.metricsToken && (!isLoopbackHost(config.host) || config.trustProxy))
    logger.warn(
      { host: config.host, trustProxy: config.trustProxy ?? null },
      'METRICS_TOKEN is not set: /metrics answers whoever looks local — behind a proxy on this machine, or to anyone who can reach this port with TRUST_PROXY set and a forged X-Forwarded-For. Set METRICS_TOKEN (docs/operations.md).',
    );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    const lockWaits = app.storage.conversationLockWaits();
    // read by the benchmark (round trips and lock waits per turn)
    logger.info(
      { databaseRoundTrips: app.storage.roundTrips(), conversationLockWaits: lockWaits.count, conversationLockWaitMs: lockWaits.ms },
      'stopped',
    );
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  process.stderr.write(`failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
