import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Response, Server } from 'restify';
import type { Logger } from '../logger';
import { fail, route } from './http';
import { webSocketOrigin } from './publicOrigin';

/** The package folder of an installed dependency (its `exports` may hide package.json). */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

const PUBLIC_DIR = [path.resolve(__dirname, '..', '..', '..', 'public'), path.resolve(__dirname, '..', '..', 'public')].find((d) =>
  existsSync(d),
) as string;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
/** The pages' Content-Security-Policy: connections only to our own origin and its WebSocket form (no bare ws:/wss:). */
export function contentSecurityPolicy(origin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "worker-src 'self' blob:",
    `connect-src 'self' ${webSocketOrigin(origin)} blob:`,
    "font-src 'self' data:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const files = new Map<string, Buffer>();
/** A file we serve, read once. */
function file(absolute: string): Buffer {
  let body = files.get(absolute);
  if (!body) {
    body = readFileSync(absolute);
    files.set(absolute, body);
  }
  return body;
}

/** A file of public/ by name (`index.html`). */
export const publicFile = (name: string): string => path.join(PUBLIC_DIR, name);

/**
 * Sends a file with the headers of our pages (its type, the Content-Security-Policy, no framing);
 * `headers` add to them or replace them (a page that must not be kept or refer anywhere).
 */
export function sendFile(
  res: Response,
  absolute: string,
  origin: string,
  options: { status?: number; maxAge?: number; headers?: Record<string, string> } = {},
): void {
  const body = file(absolute);
  res.setHeader('Content-Type', TYPES[path.extname(absolute)] ?? 'application/octet-stream');
  res.setHeader('Cache-Control', options.maxAge ? `public, max-age=${options.maxAge}` : 'no-cache');
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(origin));
  res.setHeader('X-Frame-Options', 'DENY');
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
  res.writeHead(options.status ?? 200);
  res.end(body);
}

/** The help page with the chat, the agent console, the dashboard, their scripts and the bundles of Web Chat and Chart.js — all from this server. */
export function registerPages(server: Server, logger: Logger, origin: () => string): void {
  const serve = (absolute: string, maxAge: number) => route(logger, (_req, res) => sendFile(res, absolute, origin(), { maxAge }));

  const webchatDir = path.join(packageDir('botframework-webchat'), 'dist');
  const chartDir = path.join(packageDir('chart.js'), 'dist');
  server.get('/', serve(path.join(PUBLIC_DIR, 'index.html'), 0));
  server.get(
    '/favicon.ico',
    route(logger, (_req, res) => {
      res.writeHead(204);
      res.end();
    }),
  );
  server.get('/agent', serve(path.join(PUBLIC_DIR, 'agent.html'), 0));
  // the supervisor's dashboard: the page is public like the console's, its data (/api/agent/stats) is for admins
  server.get('/agent/dashboard', serve(path.join(PUBLIC_DIR, 'dashboard.html'), 0));
  server.get('/vendor/webchat.js', serve(path.join(webchatDir, 'webchat.js'), 86400));
  // Chart.js's UMD build (it sets window.Chart), from our own server: no CDN, script-src stays 'self'
  server.get('/vendor/chart.js', serve(path.join(chartDir, 'chart.umd.min.js'), 86400));
  server.get(
    '/static/:name',
    route(logger, (req, res) => {
      const name = String(req.params.name);
      if (!/^[\w.-]+\.(js|css|svg)$/.test(name) || !existsSync(path.join(PUBLIC_DIR, name))) fail('NOT_FOUND');
      return serve(path.join(PUBLIC_DIR, name), 0)(req, res);
    }),
  );
  // the agent console's modules, one folder down
  server.get(
    '/static/agent/:name',
    route(logger, (req, res) => {
      const name = String(req.params.name);
      if (!/^[\w.-]+\.js$/.test(name) || !existsSync(path.join(PUBLIC_DIR, 'agent', name))) fail('NOT_FOUND');
      return serve(path.join(PUBLIC_DIR, 'agent', name), 0)(req, res);
    }),
  );
}
