/**
 * The origin customers and agents reach us at, for every URL we hand out (file links, stream
 * URLs, the pages' Content-Security-Policy). PUBLIC_URL when set; otherwise this server as it
 * listens — `http://localhost:<port>`, or `http://<HOST>:<port>` when HOST names one address.
 * Never the request's Host or X-Forwarded-* headers, which the caller writes. The port is known
 * only once the server listens, so the origin is read when it is needed.
 *
 * @example publicOrigin({ host: '127.0.0.1' }, () => 3978)() // 'http://127.0.0.1:3978'
 */
export function publicOrigin(config: { publicUrl?: string; host: string }, listeningPort: () => number | undefined): () => string {
  if (config.publicUrl) {
    const fixed = config.publicUrl;
    return () => fixed;
  }
  return () => {
    const port = listeningPort();
    const host = ['', '0.0.0.0', '::', '[::]'].includes(config.host) ? 'localhost' : config.host;
    const shown = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    return port === undefined ? `http://${shown}` : `http://${shown}:${port}`;
  };
}

/** The WebSocket form of an http(s) origin: ws:// or wss://. */
export const webSocketOrigin = (origin: string): string => origin.replace(/^http/, 'ws');
