// The desktop engine end to end, without Electron: a real sync-server, a real on-disk replica in a temp userData
// folder, and the UI's engine reached over the same connections the IPC uses (an in-memory port, messages cloned).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type AppEngine, type EngineEvent, engineClient, type HostToUi } from '@mak/shared/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../shared/src/replica/testing/replicas.ts';
import { startTestServer, type TestServer } from '../../../sync-server/src/testing/harness.ts';
import { makeWorld, type WorldUser } from '../../../sync-server/src/testing/world.ts';
import { createDesktopEngine, type DesktopEngine, replicaDir, sessionFile } from './desktop-engine.ts';
import { createEngineConnections } from './engine-connections.ts';
import { watchUnhandledRejections } from './testing/known-leaks.ts';
import { testSealer } from './testing/sealers.ts';

/** The renderer's side: an engine client whose every message crosses a structured clone, as over IPC. */
function uiOver(desktop: DesktopEngine): AppEngine {
  const connections = createEngineConnections(desktop.host.engine, (_page, raw) => {
    throw new Error(`dropped a valid-looking message: ${JSON.stringify(raw)}`);
  });
  let toUi: (message: HostToUi) => void = () => {};
  connections.connect(1, (message) => toUi(structuredClone(message)));
  return engineClient({
    post: (message) => connections.receive(1, structuredClone(message)),
    listen: (receive) => {
      toUi = receive;
    },
  });
}

describe('the desktop engine against the real sync-server', () => {
  let server: TestServer;
  let user: WorldUser;
  let userData: string;
  let desktop: DesktopEngine | null = null;
  const tag = Math.random().toString(36).slice(2, 8);
  const open = () =>
    createDesktopEngine({
      userDataDir: userData,
      sealer: testSealer,
      connect: { push: { backoff: { initialMs: 50, maxMs: 400 } } },
    });

  const rejections = watchUnhandledRejections();
  beforeAll(async () => {
    server = await startTestServer();
    user = (await makeWorld(server.database.db)).salesA1;
    userData = await mkdtemp(path.join(tmpdir(), 'mak-desktop-'));
  });
  afterAll(async () => {
    await desktop?.host.close();
    await server?.stop();
    if (userData) await rm(userData, { recursive: true, force: true });
    rejections.stop();
    expect(rejections.unexpected).toEqual([]);
  });

  const serverClient = (id: string) => server.api(`/api/clients/${id}`, { token: user.token });

  it('signs in, syncs, writes through; resumes after a restart, pushes offline edits once the server is back, cleans up on sign-out', async () => {
    const fromServer = await server.api('/api/clients', {
      token: user.token,
      body: { name: `Desk ${tag} from the server` },
    });
    expect(fromServer.status).toBe(201);

    // First launch: nobody signed in.
    desktop = open();
    let ui = uiOver(desktop);
    expect(await desktop.host.start()).toBeNull();
    expect(await ui.session()).toBeNull();
    const events: EngineEvent[] = [];
    ui.onEvent((event) => events.push(event));

    const login = await ui.login({ serverUrl: `${server.url}/`, email: user.email, password: user.password });
    expect(login).toMatchObject({ ok: true, session: { serverUrl: server.url, user: { id: user.id } } });
    await eventually(
      () => events,
      (seen) => seen.some((e) => e.type === 'session' && e.session?.user.id === user.id),
    );
    expect(existsSync(replicaDir(userData, user.id))).toBe(true);
    expect(await desktop.sessions.lastServerUrl()).toBe(server.url);

    // The replica syncs the user's shapes; a live query follows over the port.
    await eventually(
      () => ui.query<{ name: string }>('SELECT name FROM clients WHERE id = $1', [fromServer.body.id]),
      (rows) => rows[0]?.name === `Desk ${tag} from the server`,
      30_000,
    );
    const counts: number[] = [];
    const unwatch = ui.watch<{ n: number }>('SELECT count(*)::int AS n FROM clients', [], (rows) =>
      counts.push(rows[0]?.n ?? -1),
    );
    await eventually(
      () => counts,
      (c) => c.at(-1) === 1,
    );

    // A record born on the desktop reaches the server.
    const bornName = `Desk ${tag} born on the desktop`;
    const created = await ui.mutate('client.create', { name: bornName });
    expect(created.ok).toBe(true);
    const [born] = await ui.query<{ id: string }>('SELECT id FROM clients WHERE name = $1', [bornName]);
    if (!born) throw new Error('the optimistic row is missing');
    await eventually(
      () => counts,
      (c) => c.at(-1) === 2,
    );
    await eventually(
      () => serverClient(born.id),
      (r) => r.status === 200 && r.body.name === bornName,
      30_000,
    );
    await eventually(
      () => ui.status(),
      (s) => s.pending === 0 && s.syncing === 'live',
      30_000,
    );
    unwatch();
    const invalid = await ui.mutate('client.update', { id: born.id, patch: { name: '' } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'validation' } });

    // Quit; the server goes down; the next launch resumes the session from disk, offline.
    await desktop.host.close();
    const port = Number(new URL(server.url).port);
    await server.stop();
    desktop = open();
    ui = uiOver(desktop);
    const resumed = await desktop.host.start();
    expect(resumed).toMatchObject({ serverUrl: server.url, user: { id: user.id, email: user.email } });
    expect(await ui.session()).toEqual(resumed);
    const kept = await ui.query<{ id: string }>('SELECT id FROM clients WHERE id = ANY($1) ORDER BY id', [
      [fromServer.body.id, born.id],
    ]);
    expect(kept).toHaveLength(2);

    const editedName = `${bornName}, edited offline`;
    expect((await ui.mutate('client.update', { id: born.id, patch: { name: editedName } })).ok).toBe(true);
    expect(await ui.query('SELECT name FROM clients WHERE id = $1', [born.id])).toEqual([
      { name: editedName },
    ]);
    await eventually(
      () => ui.status(),
      (s) => s.pending === 1 && s.online === false,
      30_000,
    );

    // The server is back (same address): the queued edit goes out.
    server = await startTestServer({ port });
    desktop.host.networkBack();
    await eventually(
      () => serverClient(born.id),
      (r) => r.status === 200 && r.body.name === editedName,
      30_000,
    );
    await eventually(
      () => ui.status(),
      (s) => s.pending === 0 && s.rejected.length === 0,
      30_000,
    );

    // Signing out with nothing left to send removes the user's data from the device; the server URL stays.
    await ui.logout();
    expect(await ui.session()).toBeNull();
    expect(existsSync(replicaDir(userData, user.id))).toBe(false);
    expect(await desktop.sessions.load()).toBeNull();
    expect(await desktop.sessions.lastServerUrl()).toBe(server.url);
    await expect(ui.query('SELECT 1')).rejects.toThrow(/Not signed in/);
  }, 240_000);

  it('a corrupt session file starts signed out', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mak-desktop-corrupt-'));
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(sessionFile(dir), '{"version":1,"session":{"token":');
      const corrupt = createDesktopEngine({ userDataDir: dir, sealer: testSealer });
      expect(await corrupt.host.start()).toBeNull();
      expect(await corrupt.host.engine.session()).toBeNull();
      await corrupt.host.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a user id that is not a UUID as a folder name', () => {
    expect(() => replicaDir('/data', '../../etc')).toThrow(/not a user id/);
    expect(replicaDir('/data', '0190A6A4-5D2B-7C3E-8F00-123456789ABC')).toBe(
      path.join('/data', 'replica', '0190a6a4-5d2b-7c3e-8f00-123456789abc'),
    );
  });
});
