import type { Duplex } from 'node:stream';

/**
 * Answers a WebSocket handshake with an HTTP error and closes the socket once it is written: an
 * empty response (`Content-Length: 0`) the client reads as a refusal, never as a stream.
 *
 * @example refuseUpgrade(socket, '401 Unauthorized')
 */
export function refuseUpgrade(socket: Duplex, status: string): true {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
  return true;
}
