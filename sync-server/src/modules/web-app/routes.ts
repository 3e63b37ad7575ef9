/**
 * Serves the built PWA (mobile-pwa/dist) at `/`: its files with their content types, hashed assets cached for good,
 * the entry points (index.html, sw.js, the manifest) revalidated on every load, and index.html for any other page
 * path so client-side routes and the installed app's start URL resolve. /api and /v1 never fall through to here.
 */
import path from 'node:path';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../../context.ts';
import {
  contentTypeOf,
  type FoundFile,
  findFile,
  gzipCache,
  hasExtension,
  isCompressible,
  resolveInside,
  streamOf,
} from './files.ts';
import { WEB_APP_HEADERS } from './security-headers.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
/** Vite puts content-hashed file names under assets/. */
const HASHED = /^\/assets\//;

const NOT_BUILT = `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>MaK CRM</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 10vh auto; padding: 0 1rem">
<h1>Веб-приложение не собрано</h1>
<p>Соберите его командой <code>npm run build:pwa</code> в корне репозитория и обновите страницу.
API работает: <a href="/api/docs">/api/docs</a>.</p>
<p lang="en">The web app is not built. Run <code>npm run build:pwa</code> at the repository root and reload.</p>
</body></html>`;

const isServerPath = (p: string) =>
  p === '/api' || p.startsWith('/api/') || p === '/v1' || p.startsWith('/v1/');

export function webAppRoutes(dir: string) {
  const root = path.resolve(dir);
  const gzipped = gzipCache();
  const app = new Hono<AppEnv>();

  async function send(c: Context<AppEnv>, found: FoundFile, cacheControl: string) {
    c.header('content-type', contentTypeOf(found.file));
    c.header('cache-control', cacheControl);
    c.header('etag', found.etag);
    for (const [name, value] of Object.entries(WEB_APP_HEADERS)) c.header(name, value);
    if (c.req.header('if-none-match') === found.etag) return c.body(null, 304);
    const compressible = isCompressible(found);
    if (compressible) c.header('vary', 'accept-encoding');
    if (!compressible || !/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      c.header('content-length', String(found.size));
      return c.req.method === 'HEAD' ? c.body(null) : c.body(streamOf(found.file));
    }
    const body = await gzipped(found);
    c.header('content-encoding', 'gzip');
    c.header('content-length', String(body.length));
    return c.req.method === 'HEAD' ? c.body(null) : c.body(new Uint8Array(body));
  }

  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const urlPath = c.req.path;
    if (isServerPath(urlPath)) return next();
    const file = resolveInside(root, urlPath === '/' ? '/index.html' : urlPath);
    const found = file ? await findFile(file) : null;
    if (found) return send(c, found, HASHED.test(urlPath) ? IMMUTABLE : REVALIDATE);
    // A missing script or image is a 404, not the page: only page paths fall back to the app.
    if (hasExtension(urlPath) && urlPath !== '/index.html') return next();
    const index = await findFile(path.join(root, 'index.html'));
    if (index) return send(c, index, REVALIDATE);
    return c.html(NOT_BUILT, 404, { 'cache-control': REVALIDATE });
  });
  return app;
}
