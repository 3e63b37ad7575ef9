import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';

// A fake upstream Electric for proxy.test.ts: loopback, records every request, answers protocol-correct responses.
export const UPSTREAM_SECRET = 'upstream-secret';
export const ROWS = [
  { id: 1, name: 'one' },
  { id: 2, name: 'two' },
  { id: 3, name: 'three' },
];
export const SCHEMA = JSON.stringify({
  id: { type: 'int4', pk_index: 0, not_null: true },
  name: { type: 'text' },
});
export const CACHE = 'public, max-age=604800, s-maxage=3600, stale-while-revalidate=2629746';

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/** A protocol-correct Electric stand-in: snapshot (gzipped) → up-to-date → held live polls; `slow` streams. */
export function fakeElectric() {
  const requests: Recorded[] = [];
  const slow = { firstSent: false, done: false, release: () => {} };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
    });
    const q = url.searchParams;
    const table = q.get('table') ?? '';
    if (req.method === 'DELETE') return res.writeHead(202).end();
    if (url.pathname === '/v1/health')
      return res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"active"}');
    if (table === 'missing') {
      return res
        .writeHead(400, { 'content-type': 'application/json' })
        .end('{"message":"Invalid request","errors":{"table":["does not exist"]}}');
    }
    const base = {
      'content-type': 'application/json; charset=utf-8',
      'electric-handle': 'h-1',
      'electric-offset': '0_inf',
    };
    const upToDate = JSON.stringify([{ headers: { control: 'up-to-date', global_last_seen_lsn: '1' } }]);
    if (q.get('offset') === '-1' && table === 'slow_items') {
      res.writeHead(200, { ...base, 'electric-schema': SCHEMA, 'cache-control': CACHE });
      res.write(
        `[${JSON.stringify({ key: '"public"."slow_items"/"1"', value: { id: '1' }, headers: { operation: 'insert' } })}`,
      );
      slow.firstSent = true;
      const end = () => {
        slow.done = true;
        res.end(']');
      };
      slow.release = end;
      setTimeout(() => !slow.done && end(), 3000);
      return;
    }
    if (q.get('offset') === '-1') {
      const body = ROWS.map((r) => ({
        key: `"public"."${table}"/"${r.id}"`,
        value: { id: String(r.id), name: r.name },
        headers: { operation: 'insert', relation: ['public', table] },
      }));
      const gz = gzipSync(JSON.stringify(body));
      return res
        .writeHead(200, {
          ...base,
          'electric-schema': SCHEMA,
          'electric-has-data': 'true',
          'cache-control': CACHE,
          etag: '"h-1:-1:0_inf"',
          'content-encoding': 'gzip',
          'content-length': String(gz.length),
        })
        .end(gz);
    }
    if (q.get('live') !== 'true') {
      return res
        .writeHead(200, {
          ...base,
          'electric-schema': SCHEMA,
          'electric-up-to-date': '',
          'cache-control': CACHE,
        })
        .end(upToDate);
    }
    const timer = setTimeout(
      () =>
        res
          .writeHead(200, {
            ...base,
            'electric-cursor': '1',
            'electric-up-to-date': '',
            'cache-control': 'public, max-age=5',
          })
          .end(upToDate),
      200,
    );
    res.on('close', () => clearTimeout(timer));
  });
  return { server, requests, slow };
}
