import { type ParseArgsConfig, parseArgs } from 'node:util';
import { DomainError } from '@mak/shared/errors';
import { type Config, loadConfig } from '../config.ts';
import { DataDirBusyError } from '../platform/data-dir-lock.ts';
import { type Database, openDatabase } from '../platform/db.ts';
import { COMMANDS, FLAG_NAMES, type Flags, helpText, UsageError } from './commands.ts';

/**
 * The admin console: `npm run admin -- <command> [flags]`. Exit codes: 0 done, 1 refused by the domain
 * (unknown user, duplicate e-mail, weak password) or failed, 2 usage error, bad environment or data folder in use.
 */

const HINT = 'Run "npm run admin -- --help" for the commands and their flags.';
// `npm run admin -- user:list | head` closes stdout early: stop printing, but still finish and close the database.
let stdoutGone = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  stdoutGone = true;
});
const out = (line: string) => {
  if (!stdoutGone) process.stdout.write(`${line}\n`);
};
const err = (line: string) => process.stderr.write(`${line}\n`);

type Parsed = { help: true } | { help: false; name: string; flags: Flags };

const OPTIONS: ParseArgsConfig['options'] = {
  help: { type: 'boolean', short: 'h' },
  ...Object.fromEntries(FLAG_NAMES.map((f) => [f, { type: 'string' }])),
};

function parseCommandLine(argv: string[]): Parsed {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    // npm may hand the console a leading "--" of its own.
    parsed = parseArgs({
      args: argv[0] === '--' ? argv.slice(1) : argv,
      options: OPTIONS,
      allowPositionals: true,
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UsageError(`unknown flag ${unknown[1]}`);
    const missing = /Option '(--[\w-]+)/.exec(message);
    if (missing) throw new UsageError(`flag ${missing[1]} needs a value`);
    throw new UsageError(message.split('\n')[0] ?? message);
  }
  const [name, ...extra] = parsed.positionals;
  if (parsed.values.help || name === 'help') return { help: true };
  if (!name) throw new UsageError('no command given');
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`unknown command "${name}"`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);

  const flags: Flags = {};
  for (const f of FLAG_NAMES) {
    const value = parsed.values[f];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`flag --${f} needs a value`);
    if (!command.required.includes(f) && !command.optional.includes(f)) {
      throw new UsageError(`${name} does not take --${f}`);
    }
    flags[f] = value;
  }
  const absent = command.required.find((f) => flags[f] === undefined);
  if (absent) throw new UsageError(`${name} needs --${absent}`);
  return { help: false, name, flags };
}

async function run(argv: string[]): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`Error: ${e.message}. ${HINT}`);
    return 2;
  }
  if (parsed.help) {
    out(helpText());
    return 0;
  }
  const command = COMMANDS[parsed.name];
  if (!command) return 2;

  let config: Config;
  let database: Database;
  try {
    config = loadConfig();
    database = await openDatabase(config.database);
  } catch (e) {
    if (e instanceof DataDirBusyError || (e instanceof Error && e.message.startsWith('Bad environment'))) {
      err(e.message);
      return 2;
    }
    throw e;
  }
  try {
    await database.migrate();
    await command.run({ database, flags: parsed.flags, print: out });
    return 0;
  } catch (e) {
    if (e instanceof DomainError) {
      err(`Error: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await database.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    err(`Failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  },
);
