/**
 * bench/mutations: mutations/s through POST /api/mutations on real PostgreSQL with 100,000 clients, as an admin and
 * as a sales rep: batches of 1, 10 and 50 `client.update` (description of an own/visible client) or `client.create`,
 * closed loop with 8 concurrent senders, 10 s per case. Reported: mutations/s, batches/s, batch latency p50/p95 and
 * rejected mutations. Clients the run creates are deleted at the end, so re-runs start from the same data.
 *
 *   npm run bench:mutations         # BENCH_SECONDS (10), BENCH_CONCURRENCY (8), BENCH_DATABASE_URL
 */
import pg from 'pg';
import { newId } from '../../shared/src/ids.ts';
import {
  dbUrl,
  login,
  machineNote,
  percentile,
  prepareBenchDatabase,
  startServer,
} from '../common/server.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const batchSizes = [1, 10, 50];
const createdPrefix = 'Бенч мутация';
/** A phone no seeded client has (those are +7 9…): the duplicate rule looks phones up, as it would for new people. */
const uniquePhone = () => `+7 5${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;

interface Call {
  id: string;
  name: string;
  args: unknown;
}

interface CaseResult {
  mutations: number;
  rejected: number;
  batches: number;
  failedBatches: number;
  p50: number;
  p95: number;
  seconds: number;
}

async function runCase(
  base: string,
  token: string,
  make: (worker: number, seq: number, size: number) => Call[],
  size: number,
  runSeconds: number,
): Promise<CaseResult> {
  const latencies: number[] = [];
  let mutations = 0;
  let rejected = 0;
  let failedBatches = 0;
  const started = performance.now();
  const deadline = started + runSeconds * 1000;
  const worker = async (w: number) => {
    for (let seq = 0; performance.now() < deadline; seq++) {
      const body = JSON.stringify({ mutations: make(w, seq, size) });
      const t0 = performance.now();
      const res = await fetch(`${base}/api/mutations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      const text = await res.text();
      latencies.push(performance.now() - t0);
      if (!res.ok) {
        failedBatches++;
        if (failedBatches === 1) console.error(`  batch failed: ${res.status} ${text.slice(0, 300)}`);
        continue;
      }
      const { results } = JSON.parse(text) as { results: { status: string; message?: string }[] };
      for (const r of results) {
        if (r.status === 'applied') mutations++;
        else if (rejected++ === 0) console.error(`  rejected: ${JSON.stringify(r).slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    mutations,
    rejected,
    batches: latencies.length,
    failedBatches,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    seconds: elapsed,
  };
}

async function main() {
  const { adminEmail, salesEmail } = await prepareBenchDatabase();
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const cleanUp = () => db.query('DELETE FROM clients WHERE name LIKE $1', [`${createdPrefix}%`]);
  await cleanUp(); // a run that was interrupted
  const server = await startServer();
  const rows: Record<string, string | number>[] = [];
  try {
    for (const [user, email] of [
      ['admin', adminEmail],
      ['sales', salesEmail],
    ] as const) {
      const session = await login(server.base, email);
      // Distinct rows per sender (no lock waits between senders): concurrency × largest batch of visible clients.
      const visible =
        user === 'admin'
          ? await db.query<{ id: string }>(
              'SELECT id FROM clients WHERE deleted_at IS NULL ORDER BY id LIMIT $1',
              [concurrency * 50],
            )
          : await db.query<{ id: string }>(
              'SELECT id FROM clients WHERE owner_id = $1 AND deleted_at IS NULL ORDER BY id LIMIT $2',
              [session.principal.userId, concurrency * 50],
            );
      const ids = visible.rows.map((r) => r.id);
      const kinds: [string, (w: number, seq: number, size: number) => Call[]][] = [
        [
          'client.update',
          (w, seq, size) =>
            Array.from({ length: size }, (_, j) => ({
              id: newId(),
              name: 'client.update',
              args: {
                id: ids[(w * 50 + j) % ids.length],
                patch: { description: `мутация ${user} ${w} ${seq} ${j}` },
              },
            })),
        ],
        [
          'client.create',
          (w, seq, size) =>
            Array.from({ length: size }, (_, j) => ({
              id: newId(),
              name: 'client.create',
              args: { name: `${createdPrefix} ${user} ${w}-${seq}-${j}`, phones: [uniquePhone()] },
            })),
        ],
      ];
      for (const [kind, make] of kinds) {
        for (const size of batchSizes) {
          await runCase(server.base, session.token, make, size, 1); // warm-up
          const r = await runCase(server.base, session.token, make, size, seconds);
          const row = {
            user,
            mutation: kind,
            batch: size,
            'mutations/s': Math.round(r.mutations / r.seconds),
            'batches/s': +(r.batches / r.seconds).toFixed(1),
            'batch p50 ms': +r.p50.toFixed(1),
            'batch p95 ms': +r.p95.toFixed(1),
            rejected: r.rejected,
            'failed batches': r.failedBatches,
          };
          rows.push(row);
          console.log(
            `${user.padEnd(6)} ${kind.padEnd(14)} batch ${String(size).padStart(2)}  ${String(row['mutations/s']).padStart(6)} mutations/s  p50 ${row['batch p50 ms']} ms  p95 ${row['batch p95 ms']} ms`,
          );
        }
      }
    }
    console.log(
      `\nbench/mutations: POST /api/mutations, concurrency ${concurrency}, ${seconds}s per case, ${machineNote()}`,
    );
    console.table(rows);
  } finally {
    await server.stop();
    await cleanUp();
    await db.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
