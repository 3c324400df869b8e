import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { Result } from '../../shared/contract/result.js';
import { fail } from '../../shared/contract/result.js';
import type { Dispatch } from '../services/dispatch.js';
import type { EventBus } from '../services/events.js';
import { CONTENT_SECURITY_POLICY } from '../services/csp.js';

import { MAX_ATTACHMENT_BYTES } from '../../shared/core/attachment.js';

/** The largest call: an attachment at its limit, in base64, with room for its name. */
const MAX_BODY_BYTES = Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + (64 << 10);
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface HttpTransportOptions {
  dispatch: Dispatch;
  events: EventBus;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Every API call must carry it; the page reads it from the URL fragment it was opened with. */
  token: string;
}

/**
 * The browser transport of DESIGN.md §2: the same contract as the IPC bridge, over HTTP on
 * 127.0.0.1. POST /api/<method> with a JSON body answers the envelope; GET /api/events is a
 * server-sent event stream of AppEvents.
 */
export function createHttpTransport({ dispatch, events, staticDir, token }: HttpTransportOptions): Server {
  const expected = Buffer.from(token);
  const authorized = (presented: string | null | undefined): boolean => {
    const got = Buffer.from(presented ?? '');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('Interdesk preview: request failed', err);
      if (!res.headersSent) sendJson(res, 500, fail('internal', 'The preview server failed to answer; see its console.'));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    // Refuse other host names: a web page elsewhere must not reach this server by DNS rebinding.
    if (req.headers.host !== `127.0.0.1:${port}` && req.headers.host !== `localhost:${port}`) {
      res.writeHead(421).end('Misdirected request');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (!authorized(url.searchParams.get('token'))) return sendJson(res, 401, unauthorized());
      return streamEvents(req, res);
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendJson(res, 405, fail('invalid_input', 'API methods are called with POST.'));
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!authorized(bearer)) return sendJson(res, 401, unauthorized());
      const body = await readBody(req);
      if (body === undefined)
        return sendJson(
          res,
          413,
          fail(
            'invalid_input',
            `The request body is larger than ${Math.round(MAX_BODY_BYTES / 1024 / 1024)} MiB; an attachment may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`,
          ),
        );
      let payload: unknown;
      try {
        payload = body.length ? JSON.parse(body) : {};
      } catch {
        return sendJson(res, 400, fail('invalid_input', 'The request body is not valid JSON.'));
      }
      return sendJson(res, 200, await dispatch(decodeURIComponent(url.pathname.slice('/api/'.length)), payload));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    return serveStatic(url.pathname, res);
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const unsubscribe = events.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(/^([/\\])+/, '');
    const file = join(staticDir, relative);
    if (!file.startsWith(staticDir + sep) && file !== staticDir) return void res.writeHead(404).end();
    try {
      const bytes = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      res.end(bytes);
    } catch {
      if (relative === 'index.html') {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`The renderer is not built (${staticDir} is missing). Run "npm run build", then reload.`);
      } else res.writeHead(404).end();
    }
  }

  return server;
}

function unauthorized(): Result<never> {
  return fail('unauthorized', 'This page is not connected to the Interdesk preview that is running. Open the address the preview printed.');
}

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
