import { loadConfig } from './config.ts';
import { DataDirBusyError } from './platform/data-dir-lock.ts';
import { DEMO_PASSWORD, demoLogins } from './seed/demo.ts';
import { startServer } from './server.ts';

async function main() {
  const config = loadConfig();
  const running = await startServer(config);
  const db =
    config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  process.stdout.write(
    [
      '',
      `MaK CRM is running at ${running.url}`,
      `  database: ${db}; redis: ${config.redisUrl ? 'REDIS_URL' : 'none (in-process fallbacks)'}`,
      `  API docs: ${running.url}/api/docs`,
      config.seedDemo ? `  demo logins (password ${DEMO_PASSWORD}):` : '',
      ...(config.seedDemo ? demoLogins().map((l) => `    ${l.role.padEnd(8)} ${l.email}`) : []),
      '',
    ].join('\n'),
  );
  const shutdown = async (signal: string) => {
    running.deps.logger.info({ signal }, 'shutting down');
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  if (
    err instanceof DataDirBusyError ||
    (err instanceof Error && err.message.startsWith('Bad environment'))
  ) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  }
  process.exit(1);
});
