// Builds the PWA into dist-next/ and only then swaps it in for dist/: a failed build (say, a screen being written
// imports a file not there yet) leaves the previous build served instead of an empty folder.
import { rename, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

// Always a production bundle: run from a test (NODE_ENV=test) Vite would ship React's development build.
process.env.NODE_ENV = 'production';
const root = fileURLToPath(new URL('..', import.meta.url));
const at = (dir) => fileURLToPath(new URL(`../${dir}`, import.meta.url));
const exists = (p) =>
  stat(p).then(
    () => true,
    () => false,
  );

await rm(at('dist-next'), { recursive: true, force: true });
try {
  await build({
    root,
    mode: 'production',
    configFile: at('vite.config.ts'),
    build: { outDir: 'dist-next' },
    logLevel: 'warn',
  });
} catch (err) {
  await rm(at('dist-next'), { recursive: true, force: true });
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
await rm(at('dist-old'), { recursive: true, force: true });
if (await exists(at('dist'))) await rename(at('dist'), at('dist-old'));
await rename(at('dist-next'), at('dist'));
await rm(at('dist-old'), { recursive: true, force: true });
