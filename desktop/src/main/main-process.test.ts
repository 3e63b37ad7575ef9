// The Electron entry (index.ts) bundled as for release, but with a stand-in `electron` module that plays a session
// against it (testing/fake-electron.ts): the thin Electron layer is exercised in Node, the binary being absent.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { principalOf, type SessionUser } from '@mak/shared/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { openUserReplica } from './desktop-engine.ts';
import { fileSessionStore } from './session-store.ts';
import { CONTENT_SECURITY_POLICY } from './window-options.ts';

const run = promisify(execFile);
const desktopDir = path.resolve(import.meta.dirname, '../..');
const user: SessionUser = {
  id: '0190a6a4-5d2b-7c3e-8f00-0000000000aa',
  email: 'offline@test.mak',
  name: 'Без сети',
  role: 'sales',
  teamId: null,
  partnerId: null,
  locale: 'ru',
  totpEnabled: false,
  permissions: [
    { resource: 'clients', action: 'read', scope: 'own' },
    { resource: 'clients', action: 'create', scope: 'own' },
  ],
};

describe('the Electron main process (against a stand-in Electron)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('locks the window down, serves only trusted IPC, keeps navigation in the app, closes the replica on quit', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mak-main-'));
    const userData = await mkdtemp(path.join(tmpdir(), 'mak-main-data-'));
    dirs.push(out, userData);
    await run(process.execPath, [
      path.join(desktopDir, 'scripts/bundle-main.mjs'),
      '--out',
      out,
      '--electron',
      path.join(desktopDir, 'src/main/testing/fake-electron.ts'),
    ]);
    // A stored session whose server is unreachable: the engine resumes it offline, from disk.
    const reversed = (b: Buffer) => Buffer.from(b).reverse();
    await fileSessionStore(path.join(userData, 'session.json'), {
      available: () => true,
      seal: (plain) => reversed(Buffer.from(plain)),
      open: (sealed) => reversed(sealed).toString(),
    }).save({ serverUrl: 'http://127.0.0.1:9', token: 'offline-token', user });
    await mkdir(path.join(out, 'renderer'));
    await writeFile(path.join(out, 'renderer', 'index.html'), '<!doctype html><div id="root"></div>');

    const { stdout } = await run(process.execPath, [path.join(out, 'main.cjs')], {
      cwd: tmpdir(),
      env: { ...process.env, FAKE_USER_DATA: userData },
    });
    const log = JSON.parse(stdout);

    expect(log.sandboxEnabledBeforeReady).toBe(true);
    expect(log.schemesRegisteredBeforeReady).toBe(true);
    expect(log.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, codeCache: true } },
    ]);
    expect(log.windowOptions.webPreferences).toMatchObject({
      preload: path.join(out, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(log.loadedUrl).toBe('app://mak/index.html');
    expect(log.permissionGranted).toBe(false);
    expect(log.permissionCheck).toBe(false);
    expect(log.networkBlocked.answer).toEqual({ cancel: true });

    // Only the trusted page's valid calls were answered (3, 4, 5), on the engine channel; the session was resumed.
    const answers = (log.sent as { channel: string; message: { kind: string; id: number } }[])
      .filter((s) => s.message.kind === 'result')
      .sort((a, b) => a.message.id - b.message.id);
    expect(answers.every((s) => s.channel === 'mak:engine:to-ui')).toBe(true);
    expect(answers.map((s) => s.message)).toEqual([
      {
        kind: 'result',
        id: 3,
        ok: true,
        value: { serverUrl: 'http://127.0.0.1:9', user: expect.objectContaining({ id: user.id }) },
      },
      { kind: 'result', id: 4, ok: true, value: expect.objectContaining({ pending: 0 }) },
      { kind: 'result', id: 5, ok: true, value: { ok: true, mutationId: expect.any(String) } },
    ]);
    expect(log.platform).toEqual({ lastServerUrl: 'http://127.0.0.1:9', version: '0.1.0-test' });
    expect(log.platformForStranger).toBe('refused: untrusted sender');

    expect(log.navigation).toEqual({ inApp: false, external: true, file: true });
    expect(log.windowOpen).toEqual({ web: { action: 'deny' }, file: { action: 'deny' } });
    expect(log.openedExternally).toEqual(['https://evil.example/phish', 'https://docs.example/help']);
    expect(log.webviewBlocked).toBe(true);

    expect(log.protocol).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, outside: 404 });

    // Quit waits for the replica to close, then quits for real; the edit made offline is still queued on disk.
    expect(log.events).toEqual(['quit deferred', 'quit']);
    const replica = await openUserReplica(userData, user.id, principalOf(user));
    try {
      const queued = await replica.pg.query<{ name: string }>(
        "SELECT name FROM clients WHERE name = 'Записан без сети'",
      );
      expect(queued.rows).toHaveLength(1);
      expect(replica.status.get().pending).toBe(1);
    } finally {
      await replica.close();
    }
  }, 180_000);
});
