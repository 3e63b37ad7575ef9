import type { mutators } from '@mak/shared/mutations';
import { DEFAULT_ROLE_GRANTS, grantKey, type Principal } from '@mak/shared/permissions';
import { openReplica, type Replica } from '@mak/shared/replica';
import { templateDump } from '../../../shared/src/replica/testing/replicas.ts';
import type { TestServer } from '../testing/harness.ts';
import type { WorldUser } from '../testing/world.ts';

export type CrmReplica = Replica<typeof mutators>;

/** mulberry32: tiny, fast, and the same sequence for the same seed everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** 0 ≤ n < max */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T | undefined {
    return items.length ? items[this.int(items.length)] : undefined;
  }
  /** A key of `weights`, chosen in proportion to its weight. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let roll = this.next() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [k, w] of entries) {
      roll -= w;
      if (roll < 0) return k;
    }
    return (entries[entries.length - 1] as [K, number])[0];
  }
}

/** The principal the server derives for a world user with a built-in role. */
export function principalOf(u: WorldUser): Principal {
  const builtin = DEFAULT_ROLE_GRANTS[u.role as keyof typeof DEFAULT_ROLE_GRANTS];
  const grants = new Map(builtin.map((g) => [grantKey(g.resource, g.action), g.scope] as const));
  return { userId: u.id, roleKey: u.role, teamId: u.teamId, partnerId: u.partnerId, grants };
}

export async function replicaFor(u: WorldUser): Promise<CrmReplica> {
  return openReplica({ loadDataDir: await templateDump(), principal: principalOf(u) });
}

/**
 * The replica's network: while offline every request fails like a dropped connection, and requests in flight are
 * cut off (their responses, if any ever come, are thrown away), so a mutation the server applied may go unanswered.
 */
export class Link {
  private down = false;
  private readonly inFlight = new Set<(e: Error) => void>();

  get offline(): boolean {
    return this.down;
  }

  setOffline(offline: boolean): void {
    this.down = offline;
    if (!offline) return;
    for (const drop of this.inFlight) drop(new TypeError('fetch failed (offline)'));
    this.inFlight.clear();
  }

  readonly fetch: typeof fetch = (input, init) => {
    if (this.down) return Promise.reject(new TypeError('fetch failed (offline)'));
    return new Promise<Response>((resolve, reject) => {
      const drop = (e: Error) => reject(e);
      this.inFlight.add(drop);
      fetch(input, init).then(
        (res) => {
          if (this.inFlight.delete(drop)) resolve(res);
          else res.body?.cancel().catch(() => {});
        },
        (err: unknown) => {
          if (this.inFlight.delete(drop)) reject(err);
        },
      );
    });
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `check` holds; fails with `describe(last)`. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs: number,
  describe: (value: T) => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!check(last)) {
    if (Date.now() > deadline) throw new Error(`not met in ${timeoutMs} ms: ${describe(last)}`);
    await sleep(250);
    last = await read();
  }
  return last;
}

/** The compared tables and their user-visible columns (snake_case as in the local views). */
export const COMPARED: Record<string, string[]> = {
  clients: [
    'id',
    'name',
    'status',
    'phones',
    'description',
    'owner_id',
    'partner_id',
    'version',
    'last_mutation_id',
  ],
  deals: [
    'id',
    'title',
    'client_id',
    'pipeline_id',
    'stage_id',
    'amount',
    'owner_id',
    'closed_at',
    'version',
    'last_mutation_id',
  ],
  tasks: ['id', 'title', 'done', 'client_id', 'deal_id', 'assignee_id', 'version', 'last_mutation_id'],
  notes: ['id', 'body', 'client_id', 'deal_id', 'author_id', 'version', 'last_mutation_id'],
};

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** One row as comparable text: timestamps as instants, bigints as numbers. */
function canonicalRow(columns: string[], get: (column: string) => unknown): string {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    let v = get(c);
    if (v === undefined) v = null;
    if (typeof v === 'bigint') v = Number(v);
    if (v instanceof Date) v = v.getTime();
    else if (typeof v === 'string' && c.endsWith('_at')) v = Date.parse(v);
    if (c === 'amount' && v !== null) v = Number(v);
    out[c] = v;
  }
  return JSON.stringify(out);
}

export type RowSet = Map<string, string>;

export async function localRows(replica: CrmReplica, table: string): Promise<RowSet> {
  const columns = COMPARED[table] ?? [];
  const res = await replica.pg.query<Record<string, unknown>>(
    `SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"`,
  );
  return new Map(res.rows.map((r) => [String(r.id), canonicalRow(columns, (c) => r[c])]));
}

/** What the user sees through the REST list (deleted rows excluded), every page. */
export async function serverRows(server: TestServer, token: string, table: string): Promise<RowSet> {
  const columns = COMPARED[table] ?? [];
  const rows: RowSet = new Map();
  let cursor: string | null = null;
  do {
    const query: string = `limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await server.api(`/api/${table}?${query}`, { token });
    if (res.status !== 200) throw new Error(`GET /api/${table}: ${res.status} ${JSON.stringify(res.body)}`);
    for (const r of res.body.items as Record<string, unknown>[]) {
      rows.set(
        String(r.id),
        canonicalRow(columns, (c) => r[camel(c)]),
      );
    }
    cursor = res.body.nextCursor as string | null;
  } while (cursor);
  return rows;
}

/** Differences between two row sets, for the failure message (empty when equal). */
export function diffRows(local: RowSet, remote: RowSet): string[] {
  const out: string[] = [];
  for (const [id, row] of remote) {
    const mine = local.get(id);
    if (mine === undefined) out.push(`missing locally: ${row}`);
    else if (mine !== row) out.push(`differs: local ${mine} / server ${row}`);
  }
  for (const [id, row] of local) if (!remote.has(id)) out.push(`only local: ${row}`);
  return out;
}

/** Overlay rows still in the replica (optimistic rows not yet retired), per table. */
export async function overlayCounts(replica: CrmReplica): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of Object.keys(COMPARED)) {
    const res = await replica.pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}_local"`);
    out[table] = res.rows[0]?.n ?? 0;
  }
  return out;
}
