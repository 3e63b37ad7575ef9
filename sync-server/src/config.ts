import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const Env = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  REDIS_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  ELECTRIC_SECRET: z.string().min(1).optional(),
  ELECTRIC_URL: z.string().url().optional(),
  ELECTRIC_UPSTREAM_SECRET: z.string().min(1).optional(),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  WEB_APP_DIR: z.string().min(1).optional(),
  /** Due-work jobs (auction closing, offer recalls, commission approvals): BullMQ with REDIS_URL, else in-process. */
  JOBS: z.enum(['on', 'off']).default('on'),
  JOBS_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  JOBS_QUEUE: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/)
    .default('mak-economy'),
});

/** The PWA's build output in this repository (`npm run build:pwa`). */
const DEFAULT_WEB_APP_DIR = fileURLToPath(new URL('../../mobile-pwa/dist', import.meta.url));

export interface Config {
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  redisUrl?: string;
  port: number;
  host: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  publicUrl?: string;
  sessionDays: number;
  seedDemo: boolean;
  /** Service secret of GET /v1/shape (drop-in Electric): the client's table/where/columns are honoured with it. */
  electricSecret?: string;
  /** A real Electric service behind /v1/shape (proxy mode). */
  electricUrl?: string;
  /** The real Electric's own secret, sent upstream as `secret=` in proxy mode (never the client's credentials). */
  electricUpstreamSecret?: string;
  /** PEM certificate and key: the server speaks HTTP/2 over TLS (HTTP/1.1 still accepted). */
  tls?: { cert: string; key: string };
  /** The built PWA served at `/`; omitted (tests), `/` leads to the API docs instead. */
  webAppDir?: string;
  /** Absent: jobs on, in-process (or BullMQ when redisUrl is set), a 1 s tick. */
  jobs?: { enabled: boolean; tickMs: number; queue: string };
}

/** The only place that reads process.env. Exits naming the bad variable rather than starting half-configured. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Bad environment variable ${String(issue?.path[0])}: ${issue?.message}`);
  }
  const e = parsed.data;
  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE)) {
    throw new Error(
      `Bad environment variable ${e.TLS_CERT_FILE ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE'}: TLS needs both files`,
    );
  }
  const readPem = (name: string, file: string) => {
    try {
      return readFileSync(path.resolve(env.INIT_CWD ?? process.cwd(), file), 'utf8');
    } catch (err) {
      throw new Error(`Bad environment variable ${name}: cannot read ${file} (${(err as Error).message})`);
    }
  };
  return {
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : // npm runs workspace scripts inside the workspace folder; INIT_CWD is where the user typed the command.
        { kind: 'pglite', dataDir: path.resolve(env.INIT_CWD ?? process.cwd(), e.DATA_DIR) },
    redisUrl: e.REDIS_URL,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL,
    sessionDays: e.SESSION_DAYS,
    seedDemo: e.SEED_DEMO === 'auto',
    electricSecret: e.ELECTRIC_SECRET,
    electricUrl: e.ELECTRIC_URL,
    electricUpstreamSecret: e.ELECTRIC_UPSTREAM_SECRET,
    tls:
      e.TLS_CERT_FILE && e.TLS_KEY_FILE
        ? { cert: readPem('TLS_CERT_FILE', e.TLS_CERT_FILE), key: readPem('TLS_KEY_FILE', e.TLS_KEY_FILE) }
        : undefined,
    webAppDir: e.WEB_APP_DIR
      ? path.resolve(env.INIT_CWD ?? process.cwd(), e.WEB_APP_DIR)
      : DEFAULT_WEB_APP_DIR,
    jobs: { enabled: e.JOBS === 'on', tickMs: e.JOBS_TICK_MS, queue: e.JOBS_QUEUE },
  };
}
