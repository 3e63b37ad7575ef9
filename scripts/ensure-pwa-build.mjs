// Before `npm start`: rebuilds the PWA (mobile-pwa/dist, served by the sync-server at /) when it is missing or older
// than its sources, so the server always serves the current app. Quick when up to date: it only compares mtimes.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const built = path.join(repo, 'mobile-pwa', 'dist', 'index.html');
const sources = [
  'mobile-pwa/src',
  'mobile-pwa/public',
  'mobile-pwa/index.html',
  'mobile-pwa/vite.config.ts',
  'mobile-pwa/package.json',
  'shared/src',
  'package-lock.json',
];
const SKIP = /(^|\/)(node_modules|testing)(\/|$)|\.test\.tsx?$/;

/** The newest modification time under `entry`, skipping tests (they are not in the bundle). */
function newest(entry) {
  const full = path.join(repo, entry);
  let s;
  try {
    s = statSync(full);
  } catch {
    return 0;
  }
  if (!s.isDirectory()) return s.mtimeMs;
  let latest = 0;
  for (const child of readdirSync(full)) {
    const rel = path.posix.join(entry, child);
    if (!SKIP.test(rel)) latest = Math.max(latest, newest(rel));
  }
  return latest;
}

function builtAt() {
  try {
    return statSync(built).mtimeMs;
  } catch {
    return 0;
  }
}

const port = process.env.PORT ?? '3000';
const scheme = process.env.TLS_CERT_FILE ? 'https' : 'http';
const was = builtAt();
if (was === 0 || Math.max(...sources.map(newest)) > was) {
  process.stdout.write(
    was === 0 ? 'Building the web app (first run)…\n' : 'Rebuilding the web app (sources changed)…\n',
  );
  const t0 = Date.now();
  // The bundle only, without the type check: a type error in a screen being written must not keep the server down.
  const result = spawnSync('npm', ['run', 'bundle', '--silent', '-w', 'mobile-pwa'], {
    cwd: repo,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status === 0)
    process.stdout.write(`Web app built in ${((Date.now() - t0) / 1000).toFixed(1)} s.\n`);
  else if (was > 0) process.stderr.write('The web app build failed; serving the previous build.\n');
  else
    process.stderr.write(
      'The web app build failed; the server starts with its API only (see the errors above).\n',
    );
}
const appUrl = process.env.PUBLIC_URL ?? `${scheme}://localhost:${port}/`;
process.stdout.write(`Open the app at ${appUrl} once the server below is up.\n`);
