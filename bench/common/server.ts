/**
 * Shared by the sync/mutation benches: the bench database (seeded by bench/api/fixtures.ts), the server as a child
 * process (so its CPU and memory are measured apart from the bench's), logins, /proc sampling, percentiles.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEFAULT_ROLE_GRANTS, grantKey, type Principal } from '../../shared/src/permissions/index.ts';
import { openDatabase } from '../../sync-server/src/platform/db.ts';
import { BENCH_PASSWORD, ensureBenchData } from '../api/fixtures.ts';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dbUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mak_bench';
export const benchClients = Number(process.env.BENCH_CLIENTS ?? 100_000);

async function ensureDatabase() {
  const url = new URL(dbUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (!rowCount) await admin.query(`create database ${name}`);
  await admin.end();
}

/** Creates `mak_bench` if missing, migrates it and seeds the bench clients (idempotent). */
export async function prepareBenchDatabase(): Promise<{ adminEmail: string; salesEmail: string }> {
  await ensureDatabase();
  const database = await openDatabase({ kind: 'postgres', url: dbUrl });
  try {
    await database.migrate();
    console.log(`preparing ${benchClients} clients in ${dbUrl.replace(/\/\/[^@]*@/, '//')} ...`);
    return await ensureBenchData(database.db, benchClients);
  } finally {
    await database.close();
  }
}

export interface BenchServer {
  child: ChildProcess;
  pid: number;
  base: string;
  stop(): Promise<void>;
}

/** `node --import tsx sync-server/src/main.ts` on the bench database, waited for until /api/health answers. */
export async function startServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'never',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, pid: child.pid as number, base, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error('server did not start');
}

export interface Session {
  token: string;
  principal: Principal;
}

/** Logs in and builds the principal the replica's mutators run with (the built-in role's default grants). */
export async function login(base: string, email: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as {
    token: string;
    user: { id: string; role: string; teamId: string | null; partnerId: string | null };
  };
  const roleGrants = DEFAULT_ROLE_GRANTS[body.user.role as keyof typeof DEFAULT_ROLE_GRANTS] ?? [];
  return {
    token: body.token,
    principal: {
      userId: body.user.id,
      roleKey: body.user.role,
      teamId: body.user.teamId,
      partnerId: body.user.partnerId,
      grants: new Map(roleGrants.map((g) => [grantKey(g.resource, g.action), g.scope] as const)),
    },
  };
}

export const CLOCK_TICKS = 100; // USER_HZ on Linux

/** A process's CPU time (user+system, seconds) and resident set (bytes) from /proc. */
export function procStats(pid: number): { cpuSeconds: number; rssBytes: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime (14), stime (15)
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuSeconds: ticks / CLOCK_TICKS, rssBytes: rssKb * 1024 };
}

/** Samples `process.memoryUsage().rss` every `ms` and keeps the peak. */
export function rssSampler(ms = 100): { peak(): number; stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, ms);
  return {
    peak: () => peak,
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return peak;
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function machineNote(): string {
  return `node ${process.version}, ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}

/** Waits until process `pid` uses under `threshold` of a core over a second (at most `maxSeconds`); returns seconds. */
export async function waitForIdle(pid: number, maxSeconds = 120, threshold = 0.1): Promise<number> {
  const t0 = performance.now();
  let last = procStats(pid).cpuSeconds;
  for (let i = 0; i < maxSeconds; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = procStats(pid).cpuSeconds;
    if (now - last < threshold) break;
    last = now;
  }
  return (performance.now() - t0) / 1000;
}
