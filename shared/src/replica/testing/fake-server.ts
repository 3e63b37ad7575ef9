/// <reference types="node" />
// Node-only: this file runs under vitest on Node (temp dirs, migration files, a loopback server); nothing in the
// replica imports it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MutationResult } from '../outbox.ts';
import type { ShapeRef } from '../shapes.ts';
import { FakeShapeLog } from './fake-shape-log.ts';

/** One `{id, name, args}` as the outbox sends it. */
export interface MutationCall {
  id: string;
  name: string;
  args: unknown;
}

/**
 * What the fake answers to `POST /api/mutations`: a JSON reply, or `drop` (the connection is cut: a network error
 * for the client), or `hold` (never answers until the client gives up; for a restart mid-push).
 */
export type MutationsReply =
  | { status: number; body: unknown; headers?: Record<string, string> }
  | 'drop'
  | 'hold';

/**
 * The sync-server's three sync routes on loopback (STYLE §5 tests: "fakes as HTTP servers on loopback"):
 * `GET /v1/shape` from a FakeShapeLog, `GET /api/sync/shapes`, `POST /api/mutations` scripted by the test.
 * Node-only: imported by tests, never by the replica.
 */
export class FakeSyncServer {
  readonly log = new FakeShapeLog();
  url = '';
  /** The answer of `GET /api/sync/shapes`; null answers 404 (a server without the route). */
  shapeList: ShapeRef[] | null = null;
  /** When set, `GET /api/sync/shapes` answers this status instead (a 503 while the server is busy). */
  shapeListFailure: number | null = null;
  /** Shapes (by `table=` name) answered 403, as the server does for a shape the user may not read. */
  readonly forbiddenShapes = new Set<string>();
  /** Every shape request, in order. */
  readonly shapeRequests: URL[] = [];
  /** Every mutation batch received, in order. */
  readonly batches: MutationCall[][] = [];
  /** Decides the reply to each batch; by default every mutation is applied. */
  onMutations: (calls: MutationCall[]) => MutationsReply | Promise<MutationsReply> = (calls) => ({
    status: 200,
    body: { results: calls.map((c): MutationResult => ({ id: c.id, status: 'applied', txid: 1 })) },
  });
  /** Shape requests are held here while it returns a pending promise (to stop a sync mid-way). */
  gate: (url: URL) => Promise<void> | undefined = () => undefined;
  private readonly server = createServer((req, res) => {
    this.route(req, res).catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves with the first shape request matching `predicate` (already received or still to come). */
  async waitForShapeRequest(predicate: (url: URL) => boolean, timeoutMs = 10_000): Promise<URL> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.shapeRequests.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('no matching shape request');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    if (req.method === 'GET' && url.pathname === '/v1/shape') {
      this.shapeRequests.push(url);
      if (this.forbiddenShapes.has(url.searchParams.get('table') ?? ''))
        return json(res, 403, { message: 'Your role may not read this shape' });
      await this.gate(url);
      if (aborted.signal.aborted) return;
      const reply = await this.log.respond(url, aborted.signal);
      if (aborted.signal.aborted) return;
      return json(res, reply.status, reply.body, {
        ...reply.headers,
        'access-control-expose-headers':
          'electric-cursor,electric-handle,electric-has-data,electric-offset,electric-schema,electric-up-to-date',
      });
    }
    if (req.method === 'GET' && url.pathname === '/api/sync/shapes') {
      if (this.shapeListFailure)
        return json(res, this.shapeListFailure, { code: 'unavailable', message: 'Busy' });
      if (!this.shapeList) return json(res, 404, { code: 'not_found', message: 'Not found' });
      return json(res, 200, { shapes: this.shapeList });
    }
    if (req.method === 'POST' && url.pathname === '/api/mutations') {
      const body = JSON.parse(await readBody(req)) as { mutations: MutationCall[] };
      this.batches.push(body.mutations);
      const reply = await this.onMutations(body.mutations);
      if (reply === 'drop') {
        req.socket.destroy();
        return;
      }
      if (reply === 'hold') return;
      return json(res, reply.status, reply.body, reply.headers);
    }
    json(res, 404, { code: 'not_found', message: 'Not found' });
  }
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
