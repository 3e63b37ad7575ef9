/**
 * bench/api: requests/s and latency of the REST API on real PostgreSQL with 100,000 clients, as a sales rep
 * (2,000 own clients) and as an admin (all of them). The server runs as its own process, like in production.
 *
 *   npm run bench:api            # BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/mak_bench)
 *   BENCH_SECONDS=5 BENCH_CONCURRENCY=8 npm run bench:api
 */
import { benchClients, login, prepareBenchDatabase, startServer } from '../common/server.ts';
import { type LoadResult, runLoad } from './load.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function main() {
  const { adminEmail, salesEmail } = await prepareBenchDatabase();
  const server = await startServer();
  const { base } = server;
  try {
    const rows: (LoadResult & { scenario: string; user: string })[] = [];
    for (const [user, email] of [
      ['sales', salesEmail],
      ['admin', adminEmail],
    ] as const) {
      const { token } = await login(base, email);
      const auth = { authorization: `Bearer ${token}` };
      const json = { ...auth, 'content-type': 'application/json' };
      const page = (await (await fetch(`${base}/api/clients?limit=50`, { headers: auth })).json()) as {
        items: { id: string }[];
      };
      const ids = page.items.map((c) => c.id);
      const scenarios: [string, (i: number) => { path: string; init?: RequestInit }][] = [
        ['list 50', () => ({ path: '/api/clients?limit=50', init: { headers: auth } })],
        [
          'list 50 + q',
          (i) => ({
            path: `/api/clients?limit=50&q=${encodeURIComponent(['Иванов', 'мария', '912', 'client12'][i % 4] as string)}`,
            init: { headers: auth },
          }),
        ],
        ['get', (i) => ({ path: `/api/clients/${ids[i % ids.length]}`, init: { headers: auth } })],
        [
          'create',
          (i) => ({
            path: '/api/clients',
            init: {
              method: 'POST',
              headers: json,
              // A phone of its own per client: a shared one would flag every create as a duplicate of all before.
              body: JSON.stringify({
                name: `Бенч Клиент ${i}`,
                phones: [`+7 9${String(i).padStart(9, '0')}`],
              }),
            },
          }),
        ],
        [
          'update',
          (i) => ({
            path: `/api/clients/${ids[i % ids.length]}`,
            init: { method: 'PATCH', headers: json, body: JSON.stringify({ description: `правка ${i}` }) },
          }),
        ],
      ];
      for (const [scenario, make] of scenarios) {
        await runLoad(base, make, { concurrency, seconds: 1 }); // warm-up
        const r = await runLoad(base, make, { concurrency, seconds });
        rows.push({ scenario, user, ...r });
        console.log(
          `${user.padEnd(6)} ${scenario.padEnd(12)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  errors ${r.errors}`,
        );
      }
    }
    console.log(
      `\nbench/api: ${benchClients} clients, concurrency ${concurrency}, ${seconds}s per scenario, node ${process.version}`,
    );
    console.table(
      rows.map((r) => ({
        user: r.user,
        scenario: r.scenario,
        'req/s': Math.round(r.rps),
        'p50 ms': +r.p50.toFixed(1),
        'p95 ms': +r.p95.toFixed(1),
        errors: r.errors,
      })),
    );
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
