import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const desktopDir = path.resolve(import.meta.dirname, '../..');

describe('the bundled main process', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('runs PGlite (with pg_trgm) from a single CommonJS file plus the copied assets', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mak-bundle-'));
    const userData = await mkdtemp(path.join(tmpdir(), 'mak-bundle-data-'));
    dirs.push(out, userData);
    await run(process.execPath, [
      path.join(desktopDir, 'scripts/bundle-main.mjs'),
      '--out',
      out,
      '--entry',
      path.join(desktopDir, 'src/main/testing/bundle-smoke.ts'),
    ]);
    expect(existsSync(path.join(out, 'preload.cjs'))).toBe(true);
    for (const asset of ['pglite.wasm', 'initdb.wasm', 'pglite.data', 'pg_trgm.tar.gz']) {
      expect(existsSync(path.join(out, 'pglite', asset)), asset).toBe(true);
    }

    // Run from elsewhere, with no node_modules in reach: everything must come from the bundle folder.
    const first = await run(process.execPath, [path.join(out, 'main.cjs'), userData], { cwd: tmpdir() });
    const result = JSON.parse(first.stdout) as { similarity: number; clients: number };
    expect(result.clients).toBe(0);
    expect(result.similarity).toBeGreaterThan(0.5);
    // The second start opens the existing data folder.
    const second = await run(process.execPath, [path.join(out, 'main.cjs'), userData], { cwd: tmpdir() });
    expect(JSON.parse(second.stdout)).toEqual(result);
  }, 180_000);
});
