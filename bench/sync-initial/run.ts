/**
 * bench/sync-initial: the first sync of an admin's replica (PGlite in Node, file-backed, through the replica
 * engine's connect()) from the server on real PostgreSQL holding 100,000 clients: seconds until every shape is up
 * to date, rows/s, peak RSS of this (replica) process, the server's CPU, and the replica's size on disk.
 *
 *   npm run bench:sync-initial      # BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/mak_bench)
 *   BENCH_REPLICA_DIR=/tmp/x npm run bench:sync-initial   # where the replica lives (emptied before and after)
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openReplica } from '../../shared/src/replica/open.ts';
import {
  benchClients,
  login,
  machineNote,
  mb,
  prepareBenchDatabase,
  procStats,
  rssSampler,
  startServer,
  waitForIdle,
} from '../common/server.ts';

const dataDir = process.env.BENCH_REPLICA_DIR ?? path.join(os.tmpdir(), 'mak-bench-sync-initial');

function dirSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) total += dirSize(p);
    else if (entry.isFile()) total += statSync(p).size;
  }
  return total;
}

async function main() {
  process.on('unhandledRejection', (err) => console.error('unhandled rejection (pglite-sync apply):', err));
  const { adminEmail } = await prepareBenchDatabase();
  rmSync(dataDir, { recursive: true, force: true });
  const server = await startServer();
  try {
    const admin = await login(server.base, adminEmail);
    const openStarted = performance.now();
    const replica = await openReplica({ dataDir, principal: admin.principal });
    const openSeconds = (performance.now() - openStarted) / 1000;
    const emptySize = dirSize(dataDir);
    try {
      const rss = rssSampler(100);
      const rssBefore = process.memoryUsage().rss;
      const cpuBefore = process.cpuUsage();
      const serverBefore = procStats(server.pid);
      const t0 = performance.now();
      const live = new Promise<void>((resolve, reject) => {
        const unsubscribe = replica.status.subscribe((s) => {
          if (s.syncing === 'live') {
            unsubscribe();
            resolve();
          }
          const err = s.errors.find((e) => e.source === 'sync' || e.source === 'shapes');
          if (err) {
            unsubscribe();
            reject(new Error(`sync failed: ${err.message}`));
          }
        });
      });
      await replica.connect({
        serverUrl: server.base,
        userId: admin.principal.userId,
        getToken: () => admin.token,
      });
      await live;
      const liveSeconds = (performance.now() - t0) / 1000;
      // pglite-sync runs its apply transaction without awaiting it, so `live` can come before the rows are
      // committed; a query queues behind that transaction and returns once they are.
      await replica.pg.query('SELECT count(*) FROM clients_synced');
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const serverAfter = procStats(server.pid);
      const peak = rss.stop();
      const counts = await replica.pg.query<{ t: string; n: number }>(
        `SELECT 'clients' AS t, count(*)::int AS n FROM clients_synced
         UNION ALL SELECT 'users', count(*)::int FROM users_synced
         UNION ALL SELECT 'all other tables', (SELECT count(*)::int FROM contacts_synced) + (SELECT count(*)::int FROM deals_synced)
           + (SELECT count(*)::int FROM tasks_synced) + (SELECT count(*)::int FROM notes_synced)
           + (SELECT count(*)::int FROM pipelines_synced) + (SELECT count(*)::int FROM stages_synced)
           + (SELECT count(*)::int FROM segments_synced) + (SELECT count(*)::int FROM custom_fields_synced)
           + (SELECT count(*)::int FROM teams_synced) + (SELECT count(*)::int FROM roles_synced)
           + (SELECT count(*)::int FROM partners_synced)`,
      );
      const clients = counts.rows.find((r) => r.t === 'clients')?.n ?? 0;
      const rows = counts.rows.reduce((s, r) => s + r.n, 0);
      // Still connected (live long polls): how long the server keeps a core >10% busy after the replica is up to date.
      const busyAfter = await waitForIdle(server.pid);
      const serverSettled = procStats(server.pid);
      await replica.disconnect();
      await replica.pg.query('CHECKPOINT');
      const size = dirSize(dataDir);

      console.log(`\nbench/sync-initial: admin replica, ${benchClients} seeded clients, ${machineNote()}`);
      console.table({
        'open replica (initdb + local schema)': `${openSeconds.toFixed(2)} s`,
        'connect() → status live': `${liveSeconds.toFixed(2)} s`,
        'connect() → up to date, rows committed': `${seconds.toFixed(2)} s`,
        'rows synced (clients / all tables)': `${clients} / ${rows}`,
        'clients/s': Math.round(clients / seconds),
        'rows/s (all tables)': Math.round(rows / seconds),
        'replica process CPU (user+sys)': `${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`,
        'server process CPU (user+sys)': `${(serverAfter.cpuSeconds - serverBefore.cpuSeconds).toFixed(2)} s`,
        'replica process RSS before → peak (100 ms samples)': `${mb(rssBefore)} → ${mb(peak)}`,
        'server RSS at up to date': mb(serverAfter.rssBytes),
        'server busy after up to date (until <10% of a core)': `${busyAfter.toFixed(0)} s, ${(serverSettled.cpuSeconds - serverAfter.cpuSeconds).toFixed(2)} s CPU`,
        'replica data dir (empty → synced)': `${mb(emptySize)} → ${mb(size)}`,
      });
    } finally {
      await replica.close();
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
