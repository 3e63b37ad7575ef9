// Browser entry, bundled by replica-browser.test.ts with esbuild: the replica engine as a web page runs it.
import type { mutators } from '@mak/shared/mutations';
import { DEFAULT_ROLE_GRANTS, grantKey, type Principal } from '@mak/shared/permissions';
import { openReplica, type Replica } from '@mak/shared/replica';

let opened: Replica<typeof mutators> | null = null;
const replica = () => {
  if (!opened) throw new Error('startReplica first');
  return opened;
};

const until = async (what: string, check: () => Promise<boolean> | boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(opened?.status.get())}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
const count = async (sql: string, params: unknown[] = []) =>
  (await replica().pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]?.n ?? 0;
const clientId = async (name: string) =>
  (await replica().pg.query<{ id: string }>('SELECT id FROM clients WHERE name = $1', [name])).rows[0]?.id ??
  null;

/** Opens an in-memory replica as an admin and syncs the user's shapes until they are live. */
async function startReplica(serverUrl: string, userId: string, token: string) {
  const grants = new Map(
    DEFAULT_ROLE_GRANTS.admin.map((g) => [grantKey(g.resource, g.action), g.scope] as const),
  );
  const principal: Principal = { userId, roleKey: 'admin', teamId: null, partnerId: null, grants };
  opened = await openReplica({ principal });
  await opened.connect({
    serverUrl,
    userId,
    getToken: () => token,
    push: { backoff: { initialMs: 50, maxMs: 400 } },
  });
  await until('live', () => replica().status.get().syncing === 'live');
  return { synced: await count('clients_synced') };
}

/** A mutation, online or not: applied locally at once and queued in the outbox. */
async function mutateNow(name: string) {
  await replica().mutate('client.create', { name });
  return { id: await clientId(name), pending: replica().status.get().pending };
}

/** Push now, wait for the outbox to drain and the row to sync back (its local overlay retired). */
async function drain(name: string) {
  replica().retryNow();
  await until('outbox drained', () => replica().status.get().pending === 0);
  await until('overlays retired', async () => (await count('clients_local')) === 0);
  return { id: await clientId(name), status: replica().status.get() };
}

/** The protocols the page's finished requests to the API went over (Resource Timing): 'h2' when HTTP/2 carries them. */
function protocols(serverUrl: string) {
  const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const api = entries.filter((e) => e.name.startsWith(serverUrl) && !e.name.includes('/__test__/'));
  // Aborted long polls (a shape moving on) report no protocol.
  return [...new Set(api.map((e) => e.nextHopProtocol).filter(Boolean))];
}

Object.assign(globalThis, { startReplica, mutateNow, drain, protocols });
