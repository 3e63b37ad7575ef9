import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Inn } from '@mak/shared/entities';
import { newId } from '@mak/shared/ids';
import { DEFAULT_ROLE_GRANTS } from '@mak/shared/permissions';
import { recoveryCodes, sessions, users } from '@mak/shared/schema';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../modules/auth/password.ts';
import { openDatabase, rowsOf } from '../platform/db.ts';
import { demoLogins, seedDemo } from '../seed/demo.ts';
import { buildClients, type DemoContext } from '../seed/demo-records.ts';
import { ensureBuiltinRoles } from '../seed/roles.ts';
import { Rng } from '../seed/ru-data.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = path.join(ROOT, 'sync-server/src/cli/main.ts');
const tempDirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mak-cli-'));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the console as a user would: a separate process on embedded PGlite in `dataDir`. */
function cli(dataDir: string, ...args: string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Opens the CLI's data folder in this process (the CLI must not be running) for set-up and checks. */
async function withDataDir<T>(
  dataDir: string,
  fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
) {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

// Each console run starts a process and opens PGlite: seconds, not milliseconds.
describe('admin console', { timeout: 120_000 }, () => {
  const dataDir = tempDir();
  const IRINA = 'irina.sokolova@example.com';
  /** `admin('user:list --flag value', 'an argument with spaces')`. */
  const admin = (args: string, ...more: string[]) => cli(dataDir, ...args.split(' '), ...more);

  it('--help lists every command with its flags and exits 0', async () => {
    const res = await admin('--help');
    expect(res.code).toBe(0);
    for (const name of [
      'user:create',
      'user:list',
      'user:set-role',
      'user:reset-password',
      'user:reset-2fa',
    ]) {
      expect(res.stdout).toContain(name);
    }
    expect(res.stdout).toContain('--email E --password P --role R [--team T]');
    expect(res.stdout).toMatch(/\bmigrate\b/);
    expect(res.stdout).toMatch(/\bseed\b/);
    expect(res.stdout).not.toContain('\u001b['); // no colours
  });

  it('refuses an unknown command, an unknown flag and a missing flag with exit 2 and a hint', async () => {
    const unknown = await admin('user:frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "user:frobnicate"');
    expect(unknown.stderr).toContain('--help');
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);

    const badFlag = await admin('user:list --colour');
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('--colour');

    const missing = await admin('user:create --email x@example.com --role sales');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('needs --password');
  });

  it('user:create adds a user (creating the team by name) and user:list shows it', async () => {
    const created = await admin(
      'user:create --email Irina.Sokolova@Example.com --password secret-pass-1 --role manager --team',
      'Отдел продаж',
      '--name',
      'Ирина Соколова',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created team "Отдел продаж"');
    expect(created.stdout).toContain(IRINA);

    const list = await admin('user:list');
    expect(list.code).toBe(0);
    const row = list.stdout.split('\n').find((l) => l.startsWith(IRINA));
    expect(row?.split(/\s{2,}/)).toEqual([IRINA, 'Ирина Соколова', 'manager', 'Отдел продаж', 'off', 'yes']);
  });

  it('user:create refuses a duplicate e-mail, an unknown role and a short password with exit 1', async () => {
    const dup = await admin(
      'user:create --email IRINA.sokolova@example.com --password another-pass --role sales',
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already exists');
    const role = await admin('user:create --email a@example.com --password another-pass --role boss');
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('no such role');
    const short = await admin('user:create --email b@example.com --password short --role sales');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('password');
  });

  it('user:set-role changes the role', async () => {
    const res = await admin(`user:set-role --email ${IRINA} --role admin`);
    expect(res.code).toBe(0);
    const list = await admin('user:list');
    expect(list.stdout).toMatch(/irina\.sokolova@example\.com\s+Ирина Соколова\s+admin\s/);
    const missing = await admin('user:set-role --email nobody@example.com --role admin');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('not found');
  });

  it('user:reset-password sets the password, lifts the lock and ends the sessions', async () => {
    const userId = await withDataDir(dataDir, async ({ db }) => {
      const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, IRINA));
      if (!u) throw new Error('user missing');
      const lockedUntil = new Date(Date.now() + 3_600_000).toISOString();
      await db.update(users).set({ failedLoginCount: 7, lockedUntil }).where(eq(users.id, u.id));
      const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
      await db.insert(sessions).values({ id: `test-${newId()}`, publicId: newId(), userId: u.id, expiresAt });
      return u.id;
    });

    const res = await admin(`user:reset-password --email ${IRINA} --password brand-new-pass`);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('1 session(s) signed out');

    await withDataDir(dataDir, async ({ db }) => {
      const [u] = await db.select().from(users).where(eq(users.id, userId));
      expect(u && (await verifyPassword(u.passwordHash, 'brand-new-pass'))).toBe(true);
      expect(u?.failedLoginCount).toBe(0);
      expect(u?.lockedUntil).toBeNull();
      expect(await db.select().from(sessions).where(eq(sessions.userId, userId))).toHaveLength(0);
    });
  });

  it('user:reset-2fa clears the secret and the recovery codes', async () => {
    const userId = await withDataDir(dataDir, async ({ db }) => {
      const [u] = await db
        .update(users)
        .set({ totpSecret: 'JBSWY3DPEHPK3PXP' })
        .where(eq(users.email, IRINA))
        .returning();
      if (!u) throw new Error('user missing');
      await db.insert(recoveryCodes).values({ id: newId(), userId: u.id, codeHash: 'x' });
      return u.id;
    });
    expect((await admin('user:list')).stdout).toMatch(/irina\.sokolova@example\.com.*\son\s+yes/);
    const res = await admin(`user:reset-2fa --email ${IRINA}`);
    expect(res.code).toBe(0);
    expect((await admin('user:list')).stdout).toMatch(/irina\.sokolova@example\.com.*\soff\s+yes/);
    const left = await withDataDir(dataDir, ({ db }) =>
      db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
    );
    expect(left).toHaveLength(0);
  });

  it('exits 2 with a plain message when another process holds the data folder', async () => {
    const busyDir = tempDir();
    // This test runner is a live process: its pid in the lock file is what a running server leaves there.
    fs.writeFileSync(path.join(busyDir, 'mak.lock'), JSON.stringify({ pid: process.pid }));
    const res = await cli(busyDir, 'user:list');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(
      `The data folder ${busyDir} is in use by another MaK CRM process (pid ${process.pid})`,
    );
    expect(res.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(res.stdout).toBe('');
    expect(fs.existsSync(path.join(busyDir, 'mak.lock'))).toBe(true); // the owner's lock is left alone
  });
});

describe('demo seed', { timeout: 120_000 }, () => {
  it('builds the demo workspace with valid INNs, whole-kopeck amounts and the admin as audit actor', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: ':memory:' });
    try {
      await database.migrate();
      const db = database.db;
      const result = await seedDemo(db, { clients: 200, deals: 100 });
      expect(result.logins).toEqual(demoLogins());
      expect(result.counts).toMatchObject({ clients: 200, deals: 100, tasks: 150, notes: 150 });

      const count = async (q: string) => rowsOf<{ n: number }>(await db.execute(sql.raw(q)))[0]?.n;
      const logins = rowsOf<{ email: string; role: string }>(
        await db.execute(
          sql`select u.email, r.key as role from users u join roles r on r.id = u.role_id order by u.email`,
        ),
      );
      expect(logins).toEqual([...demoLogins()].sort((a, b) => a.email.localeCompare(b.email)));
      const grants = Object.values(DEFAULT_ROLE_GRANTS).reduce((s, g) => s + g.length, 0);
      expect(await count('select count(*)::int as n from roles where builtin')).toBe(4);
      expect(await count('select count(*)::int as n from role_permissions')).toBe(grants);
      expect(await count('select count(*)::int as n from pipelines where is_default')).toBe(1);
      expect(
        await count(
          "select count(*)::int as n from users where partner_id is not null and email = 'partner@demo.mak'",
        ),
      ).toBe(1);

      const inns = rowsOf<{ inn: string }>(
        await db.execute(sql`select inn from clients where inn is not null`),
      );
      expect(inns.length).toBeGreaterThan(50);
      expect(inns.filter((r) => !Inn.safeParse(r.inn).success)).toEqual([]); // the app's own check-digit rule

      const amounts = rowsOf<{ amount: string | number }>(
        await db.execute(sql`select amount::text as amount from deals`),
      );
      expect(amounts.every((r) => /^\d+$/.test(String(r.amount)) && Number(r.amount) > 0)).toBe(true);
      expect(await count("select count(*)::int as n from deals where currency <> 'RUB'")).toBe(0);

      const adminId = rowsOf<{ id: string }>(
        await db.execute(sql`select id from users where email = 'admin@demo.mak'`),
      )[0]?.id;
      const actors = rowsOf<{ actor: string | null; n: number }>(
        await db.execute(sql`select actor_id::text as actor, count(*)::int as n from audit_log group by 1`),
      );
      expect(actors).toEqual([{ actor: adminId, n: expect.any(Number) }]);

      // Built-in roles are ensured idempotently: a second run adds nothing.
      await database.db.transaction((tx) => ensureBuiltinRoles(tx));
      expect(await count('select count(*)::int as n from role_permissions')).toBe(grants);
    } finally {
      await database.close();
    }
  });

  it('is reproducible for one seed', () => {
    const names = (seed: number) => {
      const ids = ['a', 'b', 'c', 'd', 'e'].map((c) => c.repeat(8));
      const ctx: DemoContext = {
        rng: new Rng(seed),
        now: Date.UTC(2025, 0, 15),
        owners: ids.slice(0, 3),
        managerId: ids[2] as string,
        partnerId: ids[3] as string,
        partnerUserId: ids[4] as string,
        sales: { pipelineId: 'p1', stages: [{ id: 's1', isWon: false, isLost: false }] },
        partnerDeals: { pipelineId: 'p2', stages: [{ id: 's2', isWon: true, isLost: false }] },
      };
      return buildClients(ctx, 100).clients.map((c) => `${c.name}|${c.inn}|${(c.phones as string[])[0]}`);
    };
    expect(names(7)).toEqual(names(7));
    expect(names(7)).not.toEqual(names(8));
  });
});
