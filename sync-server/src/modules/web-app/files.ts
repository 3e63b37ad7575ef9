/** Finding, typing and compressing the files of the built PWA. */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.gz': 'application/gzip',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Already compressed formats gain nothing from gzip. */
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.webmanifest',
  '.wasm',
  '.data',
  '.svg',
  '.map',
]);
const MIN_COMPRESSED_BYTES = 1024;

export const contentTypeOf = (file: string) =>
  CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

export const hasExtension = (urlPath: string) => path.posix.extname(urlPath) !== '';

/**
 * The file under `root` a URL path names, or null when it names nothing servable: undecodable, a dot-file, a NUL,
 * or anything that would leave `root`.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter(Boolean);
  if (segments.some((s) => s.startsWith('.'))) return null;
  const file = path.resolve(root, ...segments);
  return file.startsWith(root + path.sep) ? file : null;
}

export interface FoundFile {
  file: string;
  size: number;
  mtimeMs: number;
  /** A weak validator from size and modification time. */
  etag: string;
}

export async function findFile(file: string): Promise<FoundFile | null> {
  try {
    const s = await stat(file);
    if (!s.isFile()) return null;
    return {
      file,
      size: s.size,
      mtimeMs: s.mtimeMs,
      etag: `W/"${s.size.toString(36)}-${Math.round(s.mtimeMs).toString(36)}"`,
    };
  } catch {
    return null;
  }
}

export const streamOf = (file: string) =>
  Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;

export const isCompressible = (found: FoundFile) =>
  found.size >= MIN_COMPRESSED_BYTES && COMPRESSIBLE.has(path.extname(found.file).toLowerCase());

/**
 * Gzipped bodies, made once per file version and kept: the build's ~18 MB (PGlite's wasm and data are most of it)
 * become ~5 MB, compressed in about a second on first request instead of on every one.
 */
export function gzipCache() {
  const cache = new Map<string, Promise<Buffer>>();
  return (found: FoundFile): Promise<Buffer> => {
    const key = `${found.file}\0${found.etag}`;
    let entry = cache.get(key);
    if (!entry) {
      for (const k of cache.keys()) if (k.startsWith(`${found.file}\0`)) cache.delete(k);
      entry = readFile(found.file).then((raw) => gzipAsync(raw, { level: 6 }));
      entry.catch(() => cache.delete(key));
      cache.set(key, entry);
    }
    return entry;
  };
}
