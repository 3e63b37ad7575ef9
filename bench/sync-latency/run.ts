/**
 * bench/sync-latency: a write on one replica until it shows on another, over loopback. Two in-memory replicas in
 * this process — a sales rep's (their own 2,000 clients) and an admin's (all 100,000) — both see the rep's clients.
 * N times per direction: replica A runs `client.update` of `description` (optimistic, outbox, POST /api/mutations),
 * then replica B's local view is polled every ~2 ms until it shows the new value (B's shape long poll → apply).
 * The server runs as a child process on real PostgreSQL.
 *
 *   npm run bench:sync-latency      # BENCH_N (default 200) per direction, BENCH_DATABASE_URL
 */
import { randomUUID } from 'node:crypto';
import { openReplica, type Replica } from '../../shared/src/replica/open.ts';
import {
  login,
  machineNote,
  percentile,
  prepareBenchDatabase,
  type Session,
  startServer,
  waitForIdle,
} from '../common/server.ts';

const n = Number(process.env.BENCH_N ?? 200);
const pollMs = 2;
const timeoutMs = 30_000;

type R = Replica<typeof import('../../shared/src/mutations/registry.ts').mutators>;

async function openConnected(base: string, session: Session): Promise<R> {
  const replica = await openReplica({ principal: session.principal });
  const live = new Promise<void>((resolve) => {
    const unsubscribe = replica.status.subscribe((s) => {
      if (s.syncing === 'live') {
        unsubscribe();
        resolve();
      }
    });
  });
  await replica.connect({
    serverUrl: base,
    userId: session.principal.userId,
    getToken: () => session.token,
    push: { backoff: { initialMs: 50, maxMs: 400 } },
  });
  await live;
  // `live` can come before pglite-sync's apply transaction committed; a query queues behind it.
  await replica.pg.query('SELECT count(*) FROM clients_synced');
  return replica;
}

const description = async (replica: R, id: string) =>
  (
    await replica.pg.query<{ description: string | null }>('SELECT description FROM clients WHERE id = $1', [
      id,
    ])
  ).rows[0]?.description;

async function measure(label: string, writer: R, reader: R, ids: string[], count = n) {
  const latencies: number[] = [];
  const tag = randomUUID().slice(0, 8);
  for (let i = 0; i < count; i++) {
    const id = ids[i % ids.length] as string;
    const value = `latency ${tag} ${i}`;
    const t0 = performance.now();
    await writer.mutate('client.update', { id, patch: { description: value } });
    for (;;) {
      if ((await description(reader, id)) === value) break;
      if (performance.now() - t0 > timeoutMs)
        throw new Error(
          `${label}: ${value} not seen in ${timeoutMs} ms; writer ${JSON.stringify(writer.status.get())}; reader ${JSON.stringify(reader.status.get())}; reader sees ${await description(reader, id)}`,
        );
      await new Promise((r) => setTimeout(r, pollMs));
    }
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  return {
    direction: label,
    n: latencies.length,
    'p50 ms': +percentile(latencies, 50).toFixed(1),
    'p95 ms': +percentile(latencies, 95).toFixed(1),
    'max ms': +(latencies.at(-1) as number).toFixed(1),
    'mean ms': +(latencies.reduce((s, x) => s + x, 0) / latencies.length).toFixed(1),
  };
}

async function main() {
  process.on('unhandledRejection', (err) => console.error('unhandled rejection (pglite-sync apply):', err));
  const { adminEmail, salesEmail } = await prepareBenchDatabase();
  const server = await startServer();
  const replicas: R[] = [];
  try {
    const sales = await login(server.base, salesEmail);
    const admin = await login(server.base, adminEmail);
    console.log('syncing the sales rep’s and the admin’s replicas ...');
    const a = await openConnected(server.base, sales);
    replicas.push(a);
    const b = await openConnected(server.base, admin);
    replicas.push(b);
    const settled = await waitForIdle(server.pid);
    console.log(`both live; the server was busy for another ${settled.toFixed(0)} s after that`);
    const ids = (
      await a.pg.query<{ id: string }>(
        'SELECT id FROM clients WHERE owner_id = $1 AND deleted_at IS NULL ORDER BY id LIMIT 20',
        [sales.principal.userId],
      )
    ).rows.map((r) => r.id);
    if (!ids.length) throw new Error('the sales rep has no clients');
    // Warm-up: first queries, first long polls after the initial sync.
    await measure('warm-up', a, b, ids, 5);
    await measure('warm-up', b, a, ids, 5);
    const rows = [
      await measure('sales rep → admin', a, b, ids),
      await measure('admin → sales rep', b, a, ids),
    ];
    console.log(
      `\nbench/sync-latency: write on one replica → visible on the other, N=${n}, ${machineNote()}`,
    );
    console.table(rows);
  } finally {
    for (const r of replicas) await r.close().catch(() => {});
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
