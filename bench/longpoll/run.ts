/**
 * bench/longpoll: 500 concurrent live long polls (`GET /v1/shape?…&live=true`) held by one server, in Electric
 * service mode (ELECTRIC_SECRET) on a small table `bench_longpoll` (8 rows) in the bench database. Each poll is first
 * brought up to date with non-live requests, then held live with its handle/offset/cursor. Reported: the server
 * process's RSS and CPU (from /proc) idle, while the polls are held, and for the fan-out; then ONE UPDATE through SQL
 * and the time from the commit until each poll has returned carrying it (p50/p95/max/all).
 *
 *   npm run bench:longpoll          # BENCH_POLLS (default 500), BENCH_SHAPES (default 1: all polls on one shape;
 *                                   # N spreads them over N shapes with different where clauses), BENCH_DATABASE_URL
 */
import http from 'node:http';
import pg from 'pg';
import {
  dbUrl,
  machineNote,
  mb,
  percentile,
  prepareBenchDatabase,
  procStats,
  startServer,
} from '../common/server.ts';

const polls = Number(process.env.BENCH_POLLS ?? 500);
const shapes = Number(process.env.BENCH_SHAPES ?? 1);
const secret = 'bench-electric-secret';
const table = 'bench_longpoll';
const agent = new http.Agent({ keepAlive: true, maxSockets: polls + 100 });

interface ShapeReply {
  status: number;
  handle: string;
  offset: string;
  cursor: string;
  upToDate: boolean;
  body: { headers: Record<string, unknown>; value?: Record<string, unknown> }[];
}

function get(base: string, query: Record<string, string>): Promise<ShapeReply> {
  const url = `${base}/v1/shape?${new URLSearchParams({ table, secret, ...query })}`;
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const h = (name: string) => String(res.headers[name] ?? '');
        resolve({
          status: res.statusCode ?? 0,
          handle: h('electric-handle'),
          offset: h('electric-offset'),
          cursor: h('electric-cursor'),
          upToDate: 'electric-up-to-date' in res.headers,
          body: text ? JSON.parse(text) : [],
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** The where of shape k (all shapes hold every row, but each is its own definition and handle). */
const shapeQuery = (k: number): Record<string, string> =>
  shapes > 1 ? { where: 'id > $1', 'params[1]': String(-1 - k) } : {};

interface Position {
  query: Record<string, string>;
  handle: string;
  offset: string;
  cursor: string;
}

async function catchUp(base: string, query: Record<string, string>): Promise<Position> {
  let handle = '';
  let offset = '-1';
  for (let i = 0; i < 100; i++) {
    const r = await get(base, { ...query, offset, ...(handle ? { handle } : {}) });
    if (r.status !== 200) throw new Error(`catch-up: ${r.status} ${JSON.stringify(r.body)}`);
    handle = r.handle;
    offset = r.offset;
    if (r.upToDate) return { query, handle, offset, cursor: r.cursor };
  }
  throw new Error('catch-up: never up to date');
}

/** Holds a live poll until a response carries `marker`; returns ms from `committedAt()` to that response's end. */
async function follow(
  base: string,
  from: Position,
  marker: string,
  committedAt: () => number,
): Promise<number> {
  let { handle, offset, cursor } = from;
  for (;;) {
    const r = await get(base, { ...from.query, handle, offset, cursor, live: 'true' });
    const done = performance.now();
    if (r.status !== 200) throw new Error(`live: ${r.status} ${JSON.stringify(r.body)}`);
    if (r.body.some((m) => m.value?.v === marker)) return done - committedAt();
    handle = r.handle;
    offset = r.offset;
    cursor = r.cursor;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  await prepareBenchDatabase();
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  await db.query(`CREATE TABLE IF NOT EXISTS ${table} (id int PRIMARY KEY, v text NOT NULL)`);
  await db.query(
    `INSERT INTO ${table} SELECT g, 'row ' || g FROM generate_series(1, 8) g ON CONFLICT (id) DO NOTHING`,
  );
  const server = await startServer({ ELECTRIC_SECRET: secret });
  try {
    const idle = procStats(server.pid);
    // One catch-up per shape (they are all alike), then every poll starts from its shape's position.
    const positions: Position[] = [];
    for (let k = 0; k < shapes; k++) positions.push(await catchUp(server.base, shapeQuery(k)));
    await sleep(1000);
    const beforePolls = procStats(server.pid);

    const marker = `change ${Date.now()}`;
    let committed = Number.NaN;
    const committedAt = () => committed;
    const opened = performance.now();
    const results = Array.from({ length: polls }, (_, i) =>
      follow(server.base, positions[i % shapes] as Position, marker, committedAt),
    );
    // Let every poll reach the server and be parked (they are held up to ~20 s).
    await sleep(3000);
    const held = procStats(server.pid);
    const openedSeconds = (performance.now() - opened) / 1000;

    const t0 = performance.now();
    await db.query(`UPDATE ${table} SET v = $1 WHERE id = 1`, [marker]);
    committed = performance.now();
    const latencies = (await Promise.all(results)).sort((a, b) => a - b);
    const all = performance.now() - committed;
    const after = procStats(server.pid);

    const cpuPct = (from: { cpuSeconds: number }, to: { cpuSeconds: number }, seconds: number) =>
      `${(to.cpuSeconds - from.cpuSeconds).toFixed(2)} s (${((100 * (to.cpuSeconds - from.cpuSeconds)) / seconds).toFixed(0)}% of a core)`;
    console.log(
      `\nbench/longpoll: ${polls} live long polls on ${shapes} shape(s) of ${table}, ${machineNote()}`,
    );
    console.table({
      'server RSS idle (after start)': mb(idle.rssBytes),
      'server RSS after catch-up': mb(beforePolls.rssBytes),
      [`server RSS with ${polls} polls held`]: mb(held.rssBytes),
      'server RSS after the fan-out': mb(after.rssBytes),
      [`server CPU opening + holding ${polls} polls (${openedSeconds.toFixed(1)} s)`]: cpuPct(
        beforePolls,
        held,
        openedSeconds,
      ),
      'server CPU for the fan-out of one change': `${(after.cpuSeconds - held.cpuSeconds).toFixed(2)} s`,
      'UPDATE round trip (commit)': `${(committed - t0).toFixed(1)} ms`,
      'commit → poll returned p50': `${percentile(latencies, 50).toFixed(1)} ms`,
      'commit → poll returned p95': `${percentile(latencies, 95).toFixed(1)} ms`,
      'commit → poll returned max': `${(latencies.at(-1) as number).toFixed(1)} ms`,
      [`commit → all ${polls} returned (bench side)`]: `${all.toFixed(1)} ms`,
    });
  } finally {
    agent.destroy();
    await server.stop();
    await db.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
