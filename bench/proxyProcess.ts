/**
 * The round-robin proxy of the multi-instance tests (test/helpers/roundRobinProxy.ts) in a process
 * of its own, for `npm run bench`: its CPU is then counted apart from the load generator's.
 * Usage: node dist/bench/proxyProcess.js <instance base URL>…; prints its own base URL, stops on SIGTERM.
 * BENCH_PROXY_KEEPALIVE=0: a new connection to the instance per request (nginx's default).
 */
import { startRoundRobinProxy } from '../test/helpers/roundRobinProxy';

async function main(): Promise<void> {
  const proxy = await startRoundRobinProxy(process.argv.slice(2), { keepAlive: process.env.BENCH_PROXY_KEEPALIVE !== '0' });
  process.stdout.write(`${proxy.base}\n`);
  process.on('SIGTERM', () => void proxy.close().then(() => process.exit(0)));
}

main().catch((error) => {
  process.stderr.write(`proxy failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
