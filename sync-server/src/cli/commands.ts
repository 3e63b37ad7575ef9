import { DomainError } from '@mak/shared/errors';
import { newId } from '@mak/shared/ids';
import { partners, roles, sessions, teams, users } from '@mak/shared/schema';
import { and, eq, isNull, sql } from 'drizzle-orm';
import pino from 'pino';
import { createUser, findRoleId, resetUserTwoFactor, setUserPassword } from '../modules/users/create-user.ts';
import { type Database, type Tx, writeTx } from '../platform/db.ts';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../seed/demo.ts';
import { ensureBuiltinRoles } from '../seed/roles.ts';

/** A mistake in how the console was called (unknown command, missing flag): exit code 2 and a hint. */
export class UsageError extends Error {}

export const FLAG_NAMES = ['email', 'password', 'role', 'team', 'partner', 'name'] as const;
export type FlagName = (typeof FLAG_NAMES)[number];
export type Flags = Partial<Record<FlagName, string>>;

export interface CommandContext {
  database: Database;
  flags: Flags;
  print: (line: string) => void;
}

interface Command {
  usage: string;
  summary: string;
  required: FlagName[];
  optional: FlagName[];
  run(ctx: CommandContext): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Flags checked by the command table: `required` ones are always present. */
const flag = (flags: Flags, name: FlagName): string => flags[name] as string;

async function findUser(tx: Tx, email: string): Promise<{ id: string; email: string }> {
  const [user] = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  if (!user) throw DomainError.notFound(`User ${email}`);
  return user;
}

/** A team or partner organisation given by id, or by name (created when no live one has that name). */
async function resolveByName(
  tx: Tx,
  table: typeof teams | typeof partners,
  what: string,
  ref: string,
  notes: string[],
): Promise<string> {
  if (UUID.test(ref)) {
    const [row] = await tx.select({ id: table.id }).from(table).where(eq(table.id, ref));
    if (!row) throw DomainError.notFound(`${what} ${ref}`);
    return row.id;
  }
  const [row] = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.name, ref), isNull(table.deletedAt)));
  if (row) return row.id;
  const id = newId();
  await tx.insert(table).values({ id, name: ref });
  notes.push(`Created ${what.toLowerCase()} "${ref}".`);
  return id;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

export const COMMANDS: Record<string, Command> = {
  'user:create': {
    usage: '--email E --password P --role R [--team T] [--partner ORG] [--name N]',
    summary:
      'Create a user. R is a role key (admin, manager, sales, partner). T and ORG are a team / partner ' +
      'organisation name or id; a name that does not exist yet is created. The password needs 8+ characters.',
    required: ['email', 'password', 'role'],
    optional: ['team', 'partner', 'name'],
    async run({ database, flags, print }) {
      const notes: string[] = [];
      const user = await writeTx(database.db, null, async (tx) => {
        await ensureBuiltinRoles(tx);
        const teamId = flags.team ? await resolveByName(tx, teams, 'Team', flags.team, notes) : null;
        const partnerId = flags.partner
          ? await resolveByName(tx, partners, 'Partner organisation', flags.partner, notes)
          : null;
        return createUser(tx, {
          email: flag(flags, 'email'),
          password: flag(flags, 'password'),
          roleKey: flag(flags, 'role'),
          name: flags.name,
          teamId,
          partnerId,
        });
      });
      for (const note of notes) print(note);
      print(`Created user ${user.email} (${user.name}), role ${user.roleKey}.`);
      if (user.roleKey === 'partner' && !user.partnerId) {
        print(
          'Note: a partner user without --partner belongs to no partner organisation and sees no records.',
        );
      }
    },
  },
  'user:list': {
    usage: '',
    summary: 'List users: e-mail, name, role, team, two-factor sign-in, active.',
    required: [],
    optional: [],
    async run({ database, print }) {
      const rows = await database.db
        .select({
          email: users.email,
          name: users.name,
          role: roles.key,
          team: teams.name,
          totp: users.totpSecret,
          active: users.isActive,
          deletedAt: users.deletedAt,
        })
        .from(users)
        .innerJoin(roles, eq(roles.id, users.roleId))
        .leftJoin(teams, eq(teams.id, users.teamId))
        .orderBy(users.email);
      if (rows.length === 0)
        return print('No users yet. Create one with user:create, or run seed for the demo.');
      const cells = rows.map((r) => [
        r.email,
        r.name,
        r.role,
        r.team ?? '-',
        r.totp ? 'on' : 'off',
        r.active && !r.deletedAt ? 'yes' : 'no',
      ]);
      for (const line of table(['EMAIL', 'NAME', 'ROLE', 'TEAM', '2FA', 'ACTIVE'], cells)) print(line);
    },
  },
  'user:set-role': {
    usage: '--email E --role R',
    summary: "Change a user's role (takes effect on their next request).",
    required: ['email', 'role'],
    optional: [],
    async run({ database, flags, print }) {
      const email = await writeTx(database.db, null, async (tx) => {
        await ensureBuiltinRoles(tx);
        const user = await findUser(tx, flag(flags, 'email'));
        const roleId = await findRoleId(tx, flag(flags, 'role'));
        await tx.update(users).set({ roleId }).where(eq(users.id, user.id));
        return user.email;
      });
      print(`${email} now has role ${flags.role}.`);
    },
  },
  'user:reset-password': {
    usage: '--email E --password P',
    summary: 'Set a new password, lift a login lock and sign the user out everywhere.',
    required: ['email', 'password'],
    optional: [],
    async run({ database, flags, print }) {
      const { email, ended } = await writeTx(database.db, null, async (tx) => {
        const user = await findUser(tx, flag(flags, 'email'));
        await setUserPassword(tx, user.id, flag(flags, 'password'));
        const gone = await tx
          .delete(sessions)
          .where(eq(sessions.userId, user.id))
          .returning({ id: sessions.id });
        return { email: user.email, ended: gone.length };
      });
      print(`Password changed for ${email}; ${ended} session(s) signed out.`);
    },
  },
  'user:reset-2fa': {
    usage: '--email E',
    summary: 'Turn two-factor sign-in off for a user who lost their authenticator (removes recovery codes).',
    required: ['email'],
    optional: [],
    async run({ database, flags, print }) {
      const email = await writeTx(database.db, null, async (tx) => {
        const user = await findUser(tx, flag(flags, 'email'));
        await resetUserTwoFactor(tx, user.id);
        return user.email;
      });
      print(`Two-factor sign-in is off for ${email}.`);
    },
  },
  migrate: {
    usage: '',
    summary: 'Apply database migrations (every command does this first) and exit.',
    required: [],
    optional: [],
    async run({ database, print }) {
      print(`Database is up to date (${database.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}).`);
    },
  },
  seed: {
    usage: '',
    summary:
      'Create the demo workspace (users, ~2,000 clients, deals, tasks, notes) if there are no users yet.',
    required: [],
    optional: [],
    async run({ database, print }) {
      const seeded = await seedDemoIfEmpty(database.db, pino({ level: 'silent' }));
      if (!seeded)
        return print('The database already has users: the demo workspace is only seeded into an empty one.');
      const c = seeded.counts;
      print(
        `Demo workspace created: ${c.clients} clients, ${c.deals} deals, ${c.tasks} tasks, ${c.notes} notes.`,
      );
      print(`Logins (password ${DEMO_PASSWORD}):`);
      for (const l of seeded.logins) print(`  ${l.role.padEnd(8)} ${l.email}`);
    },
  },
};

export function helpText(): string {
  const lines = ['MaK CRM admin console', '', 'Usage: npm run admin -- <command> [flags]', '', 'Commands:'];
  for (const [name, cmd] of Object.entries(COMMANDS)) {
    lines.push(`  ${name}${cmd.usage ? ` ${cmd.usage}` : ''}`, `      ${cmd.summary}`);
  }
  lines.push(
    `  help, --help`,
    '      Show this text.',
    '',
    'Environment:',
    '  DATABASE_URL  PostgreSQL connection string. Without it, embedded PGlite in DATA_DIR is used.',
    '  DATA_DIR      Data folder for embedded PGlite (default ./data). Stop the server first: one process at a time.',
    '',
    'Exit codes: 0 done, 1 refused (e.g. unknown user, duplicate e-mail), 2 usage error, bad environment or data folder in use.',
  );
  return lines.join('\n');
}
