import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';

/**
 * A loopback port nobody listens on, chosen by the OS, for a server the bench or a test starts
 * as a child process. A random pick in 20000–50000 could land on a port an outgoing connection
 * holds (Linux lends 32768–60999 to them), and the server then failed to start.
 */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
