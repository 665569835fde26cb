import { Agent, request } from 'undici';

export type DownloadResult = { ok: true; bytes: Buffer } | { ok: false; problem: 'download_failed' | 'too_big' };

/** What a proof upload needs of HTTP: a URL's bytes, refused past `maxBytes`. */
export type Downloader = (url: string, maxBytes: number) => Promise<DownloadResult>;

/**
 * Downloads with undici's `request` over kept-alive connections. The global `fetch` (undici's
 * fetch under WHATWG streams, a timing entry and weak references per call) cost about ten
 * times as much CPU for the same small receipt. Redirects are not followed: a channel's
 * attachment URL answers directly, and following one could leave the allowed origins.
 */
export class HttpDownloader {
  private readonly agent: Agent;

  constructor(timeoutMs = 15_000) {
    this.agent = new Agent({ keepAliveTimeout: 30_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  }

  readonly download: Downloader = async (url, maxBytes) => {
    try {
      const response = await request(url, { method: 'GET', dispatcher: this.agent });
      if (response.statusCode < 200 || response.statusCode >= 300) {
        // drained for the kept-alive connection; a reset while draining is no reason to fail (nor to crash: dump listens)
        await response.body.dump().catch(() => undefined);
        return { ok: false, problem: 'download_failed' };
      }
      if (Number(response.headers['content-length'] ?? 0) > maxBytes) {
        abandon(response.body);
        return { ok: false, problem: 'too_big' };
      }
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of response.body) {
        total += chunk.length;
        if (total > maxBytes) {
          abandon(response.body);
          return { ok: false, problem: 'too_big' };
        }
        chunks.push(chunk);
      }
      return { ok: true, bytes: Buffer.concat(chunks) };
    } catch {
      return { ok: false, problem: 'download_failed' };
    }
  };

  close(): Promise<void> {
    return this.agent.destroy();
  }
}

/** Stops reading a body we refuse; the abort it reports is ours, not a failure to log. */
function abandon(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on('error', () => {});
  body.destroy();
}
