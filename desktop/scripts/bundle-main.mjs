// Bundles the Electron main process and the preload into single CommonJS files (a sandboxed preload must be one
// CJS file), and copies the PGlite files the main process loads at run time next to the bundle.
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const desktopDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = path.join(desktopDir, 'dist');
const require = createRequire(import.meta.url);
// The package's `require` entry is dist/index.cjs: its folder is the one holding the assets.
const pgliteDist = path.dirname(require.resolve('@electric-sql/pglite'));

/** The run-time files PGlite reads beside its modules (wasm, the initial file system, the pg_trgm extension). */
export const PGLITE_ASSETS = ['pglite.wasm', 'initdb.wasm', 'pglite.data', 'pg_trgm.tar.gz'];

/**
 * PGlite finds its files with `new URL('./pglite.wasm', import.meta.url)`. In the bundle every PGlite module gets
 * the URL its file would have under dist/pglite/, where its assets are copied: relative lookups keep working.
 */
const pgliteImportMetaUrl = {
  name: 'pglite-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]@electric-sql[\\/]pglite[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const relative = path.relative(pgliteDist, args.path).split(path.sep).join('/');
      const source = await readFile(args.path, 'utf8');
      // A helper from the banner, not an inline require(): emscripten's code declares a `require` of its own.
      return {
        contents: source.replaceAll('import.meta.url', `__mak_pglite_url(${JSON.stringify(relative)})`),
        loader: 'js',
      };
    });
  },
};

/**
 * Builds main.cjs (plus PGlite assets) and preload.cjs into `outDir`. For tests: `entry` replaces the main entry,
 * `electron` bundles a stand-in module in place of Electron's (the binary is not installed where tests run).
 */
export async function bundleMain({ outDir, entry, electron } = {}) {
  outDir ??= distDir;
  entry ??= path.join(desktopDir, 'src/main/index.ts');
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
    logLevel: 'warning',
    legalComments: 'none',
    sourcemap: 'linked',
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: [entry],
      outfile: path.join(outDir, 'main.cjs'),
      ...(electron ? { external: [], alias: { electron } } : {}),
      plugins: [pgliteImportMetaUrl],
      banner: {
        js: [
          "const __mak_import_meta_url = require('node:url').pathToFileURL(__filename).href;",
          "const __mak_pglite_url = (file) => require('node:url').pathToFileURL(require('node:path').join(__dirname, 'pglite', file)).href;",
        ].join('\n'),
      },
      define: { 'import.meta.url': '__mak_import_meta_url' },
    }),
    build({
      ...common,
      entryPoints: [path.join(desktopDir, 'src/preload/index.ts')],
      outfile: path.join(outDir, 'preload.cjs'),
      sourcemap: false,
    }),
  ]);
  await mkdir(path.join(outDir, 'pglite'), { recursive: true });
  await Promise.all(
    PGLITE_ASSETS.map((file) => copyFile(path.join(pgliteDist, file), path.join(outDir, 'pglite', file))),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `--out <dir> --entry <file> --electron <file>`: the tests bundle stand-ins with this same configuration.
  const option = (name) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? path.resolve(process.argv[at + 1]) : undefined;
  };
  await bundleMain({ outDir: option('--out'), entry: option('--entry'), electron: option('--electron') });
}
