// A stand-in main entry, bundled by bundle.test.ts with the real main's esbuild configuration: proves the bundle
// finds PGlite's wasm, its file system image and the pg_trgm extension where the build copies them.
import { principalOf } from '@mak/shared/engine';
import { openUserReplica } from '../desktop-engine.ts';

const [userDataDir] = process.argv.slice(2);
if (!userDataDir) throw new Error('usage: main.cjs <userDataDir>');
const userId = '0190a6a4-5d2b-7c3e-8f00-123456789abc';
const principal = principalOf({
  id: userId,
  email: 'smoke@test.mak',
  name: 'Smoke',
  role: 'admin',
  teamId: null,
  partnerId: null,
  locale: 'ru',
  totpEnabled: false,
  permissions: [],
});

async function main() {
  const replica = await openUserReplica(userDataDir as string, userId, principal);
  const { rows } = await replica.pg.query<{ similarity: number; clients: number }>(
    "SELECT similarity('Иванов', 'Иванова') AS similarity, (SELECT count(*)::int FROM clients) AS clients",
  );
  await replica.close();
  process.stdout.write(JSON.stringify(rows[0]));
}

// The bundle is CommonJS: no top-level await.
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
