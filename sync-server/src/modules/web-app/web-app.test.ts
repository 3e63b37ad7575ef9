// Serving the built PWA: content types, caching, compression, the SPA fallback and what must never be served.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../context.ts';
import { webAppRoutes } from './routes.ts';

let dir: string;
let secret: string;
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;

/** The web app mounted as app.ts mounts it: last, with anything it passes on answered 404 by the parent. */
function appFor(webAppDir: string) {
  const app = new Hono<AppEnv>();
  app.notFound((c) => c.text('not found', 404));
  app.get('/api/health', (c) => c.json({ status: 'ok' }));
  app.route('/', webAppRoutes(webAppDir));
  return app;
}

beforeAll(async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'mak-web-app-'));
  dir = path.join(root, 'dist');
  secret = path.join(root, 'secret.txt');
  await writeFile(secret, 'not for the web');
  await mkdir(path.join(dir, 'assets'), { recursive: true });
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>MaK CRM</title>');
  await writeFile(path.join(dir, 'sw.js'), 'self.skipWaiting();');
  await writeFile(path.join(dir, 'manifest.webmanifest'), JSON.stringify({ name: 'MaK CRM' }));
  await writeFile(path.join(dir, '.env'), 'SECRET=1');
  await writeFile(path.join(dir, 'assets', 'index-AbC123xy.js'), SCRIPT);
  await writeFile(
    path.join(dir, 'assets', 'pglite-Zz99Yy88.wasm'),
    Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
  );
});

afterAll(async () => {
  await rm(path.dirname(dir), { recursive: true, force: true });
});

describe('the web app at /', () => {
  it('serves index.html at / for revalidation, under the app CSP', async () => {
    const res = await appFor(dir).request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(await res.text()).toContain('MaK CRM');
  });

  it('types and caches each kind of file', async () => {
    const app = appFor(dir);
    const cases = [
      ['/sw.js', 'text/javascript; charset=utf-8', 'no-cache'],
      ['/manifest.webmanifest', 'application/manifest+json; charset=utf-8', 'no-cache'],
      ['/assets/index-AbC123xy.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
      ['/assets/pglite-Zz99Yy88.wasm', 'application/wasm', 'public, max-age=31536000, immutable'],
    ] as const;
    for (const [url, type, cache] of cases) {
      const res = await app.request(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toBe(type);
      expect(res.headers.get('cache-control'), url).toBe(cache);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
    }
  });

  it('gzips compressible files for clients that accept it', async () => {
    const app = appFor(dir);
    const plain = await app.request('/assets/index-AbC123xy.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);
    const res = await app.request('/assets/index-AbC123xy.js', {
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('accept-encoding');
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(body.length).toBeLessThan(SCRIPT.length / 10);
    expect(gunzipSync(body).toString()).toBe(SCRIPT);
  });

  it('answers a matching ETag with 304 and HEAD without a body', async () => {
    const app = appFor(dir);
    const first = await app.request('/sw.js');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"/);
    const again = await app.request('/sw.js', { headers: { 'if-none-match': etag as string } });
    expect(again.status).toBe(304);
    const head = await app.request('/sw.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('self.skipWaiting();'.length));
    expect(await head.text()).toBe('');
  });

  it('falls back to index.html for page paths, never for files, /api or /v1', async () => {
    const app = appFor(dir);
    for (const page of ['/clients', '/deals/0190-abc', '/settings/users/']) {
      const res = await app.request(page);
      expect(res.status, page).toBe(200);
      expect(await res.text(), page).toContain('<title>MaK CRM</title>');
    }
    for (const other of [
      '/assets/missing-12345678.js',
      '/favicon.ico',
      '/api/nope',
      '/v1/shape',
      '/api',
      '/v1',
    ]) {
      const res = await app.request(other);
      expect(res.status, other).toBe(404);
      expect(await res.text(), other).toBe('not found');
    }
    expect((await app.request('/api/health')).status).toBe(200);
  });

  it('serves nothing outside the build folder and no dot-files', async () => {
    const app = appFor(dir);
    for (const url of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/.env',
      '/%2eenv',
      '/assets%5c..%5c..%5csecret.txt',
      '/%00index.html',
      '/%E0%A4%A',
    ]) {
      const res = await app.request(url);
      const text = await res.text();
      expect(text, url).not.toContain('not for the web');
      expect(text, url).not.toContain('SECRET=1');
    }
  });

  it('says how to build the app when there is no build', async () => {
    const res = await appFor(path.join(dir, 'missing')).request('/');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('npm run build:pwa');
  });
});
