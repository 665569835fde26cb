import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server } from 'restify';
import type { Logger } from '../logger';
import { refuseUpgrade } from './refuseUpgrade';

/** A WebSocket endpoint: handles the upgrade if it is for its path, returns false otherwise. */
export interface UpgradeHandler {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
}

/** Hands each WebSocket upgrade to the first endpoint that takes it; 404 when none does. */
export function dispatchUpgrades(server: Server, logger: Logger, endpoints: UpgradeHandler[]): void {
  server.server.on('upgrade', (req, socket, head) => {
    // Node takes its own error listener off an upgraded socket: an unheard error (the client gone mid-handshake) would end the process
    socket.on('error', (error) => logger.debug({ err: error }, 'upgrade socket error'));
    try {
      if (endpoints.some((endpoint) => endpoint.handleUpgrade(req, socket, head))) return;
      refuseUpgrade(socket, '404 Not Found');
    } catch (error) {
      // an event handler that throws ends the process: a request line such as "GET //" makes new URL() throw
      logger.warn({ err: error }, 'upgrade refused');
      refuseUpgrade(socket, '400 Bad Request');
    }
  });
}
