import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StoredSession } from '@mak/shared/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileSessionStore, type TokenSealer } from './session-store.ts';
import { noKeyStore, testSealer } from './testing/sealers.ts';

const session: StoredSession = {
  serverUrl: 'https://crm.example.ru',
  token: 'tok-1234567890-secret',
  user: {
    id: '0190a6a4-5d2b-7c3e-8f00-123456789abc',
    email: 'sales@example.ru',
    name: 'Продавец',
    role: 'sales',
    teamId: '0190a6a4-5d2b-7c3e-8f00-123456789abd',
    partnerId: null,
    locale: 'ru',
    totpEnabled: false,
    permissions: [{ resource: 'clients', action: 'read', scope: 'own' }],
  },
};

describe('the desktop session file', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mak-session-'));
    file = path.join(dir, 'nested', 'session.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips a session with its token sealed, owner-only, and remembers the server', async () => {
    const store = fileSessionStore(file, testSealer);
    expect(await store.load()).toBeNull();
    expect(await store.lastServerUrl()).toBeNull();

    await store.save(session);
    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain(session.token);
    expect(JSON.parse(raw).session.token.sealed).toBe(true);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);

    // A fresh store (the next launch) reads it back.
    expect(await fileSessionStore(file, testSealer).load()).toEqual(session);

    await store.save(null);
    expect(await store.load()).toBeNull();
    expect(await store.lastServerUrl()).toBe('https://crm.example.ru');
    expect(await readFile(file, 'utf8')).not.toContain(session.user.email);
  });

  it('keeps the token unsealed when the OS has no key store, and reads it back', async () => {
    const store = fileSessionStore(file, noKeyStore);
    await store.save(session);
    expect(JSON.parse(await readFile(file, 'utf8')).session.token).toEqual({
      sealed: false,
      data: session.token,
    });
    expect(await store.load()).toEqual(session);
  });

  it('is signed out when the key store cannot open the token (another machine, a reset key ring)', async () => {
    await fileSessionStore(file, testSealer).save(session);
    expect(await fileSessionStore(file, noKeyStore).load()).toBeNull();
    const otherKey: TokenSealer = {
      ...testSealer,
      open() {
        throw new Error('bad key');
      },
    };
    expect(await fileSessionStore(file, otherKey).load()).toBeNull();
  });

  it.each([
    ['not JSON', '{"version":1,"session":'],
    ['JSON of another shape', '{"version":1,"lastServerUrl":null,"session":{"serverUrl":"https://x"}}'],
    ['a newer version', JSON.stringify({ version: 2, lastServerUrl: null, session: null })],
    [
      'a server that is not http(s)',
      JSON.stringify({ version: 1, lastServerUrl: 'file:///etc', session: null }),
    ],
    ['an empty file', ''],
  ])('reads a corrupt file (%s) as signed out, and a later save repairs it', async (_what, content) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    const store = fileSessionStore(file, testSealer);
    expect(await store.load()).toBeNull();
    expect(await store.lastServerUrl()).toBeNull();
    await store.save(session);
    expect(await store.load()).toEqual(session);
  });

  it('serialises concurrent saves: the last one wins', async () => {
    const store = fileSessionStore(file, testSealer);
    await Promise.all([
      store.save(session),
      store.save({ ...session, token: 'second' }),
      store.save({ ...session, token: 'third' }),
    ]);
    expect((await store.load())?.token).toBe('third');
  });
});
