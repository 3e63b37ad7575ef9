import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));
// PGlite exports no package.json: its entry is dist/index.js.
const pgliteVersion: string = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../package.json', import.meta.resolve('@electric-sql/pglite'))),
    'utf8',
  ),
).version;
/** `npm run dev -w mobile-pwa` proxies the API to a sync-server here. */
const devServer = process.env.MAK_DEV_SERVER ?? 'http://localhost:3000';

// PGlite's runtime (pglite.wasm ~10 MB, pglite.data ~6 MB) must be in the precache, or the app cannot start offline.
const MAX_PRECACHED_FILE = 24 * 1024 * 1024;

/**
 * Quiets two build notes that say nothing actionable: PGlite's Emscripten runtime uses direct eval on paths the app
 * never takes, and Rolldown's plugin timings (PWA precaching of PGlite's 16 MB is slow by nature).
 */
const quietBuildNotes = {
  onLog(
    level: 'info' | 'debug' | 'warn',
    log: { code?: string; id?: string; message: string },
    handler: (level: 'info' | 'debug' | 'warn', log: { code?: string; id?: string; message: string }) => void,
  ) {
    const pgliteEval =
      log.code === 'EVAL' && `${log.id ?? ''}${log.message}`.includes('@electric-sql/pglite');
    if (pgliteEval || log.code === 'PLUGIN_TIMINGS') return;
    handler(level, log);
  },
};

export default defineConfig({
  root,
  define: {
    __PGLITE_VERSION__: JSON.stringify(pgliteVersion),
    // Vite turns `globalThis.process.env` into `{}`, which makes PGlite's Node guard (`globalThis.process?.env &&
    // process.exitCode…`) true in the browser, where `process` does not exist.
    'globalThis.process.env': 'undefined',
  },
  // PGlite loads its wasm and data through `new URL(…, import.meta.url)`, which the dependency optimiser breaks.
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  worker: { format: 'es', rolldownOptions: quietBuildNotes },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The engine worker holds PGlite and the mutators; the page holds React and Mantine: both are large by nature.
    chunkSizeWarningLimit: 2048,
    rolldownOptions: quietBuildNotes,
  },
  server: {
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: { '/api': devServer, '/v1': devServer },
  },
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      strategies: 'generateSW',
      includeAssets: ['favicon-32.png', 'apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'MaK CRM',
        short_name: 'MaK CRM',
        description: 'CRM для отдела продаж: клиенты, сделки и задачи — работает и без сети.',
        lang: 'ru',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#4c6ef5',
        background_color: '#ffffff',
        categories: ['business', 'productivity'],
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Images come from includeAssets and the manifest's icons: listing them here too would precache a URL twice
        // with different revisions, which makes Workbox throw and leaves the service worker without handlers.
        globPatterns: ['**/*.{js,css,html,wasm,data,gz}'],
        maximumFileSizeToCacheInBytes: MAX_PRECACHED_FILE,
        // Hashed file names already change with their content: no cache-busting query needed.
        dontCacheBustURLsMatching: /^assets\//,
        navigateFallback: 'index.html',
        // The API and the shape protocol are never answered from a cache: the replica is the offline store.
        navigateFallbackDenylist: [/^\/api\//, /^\/v1\//],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
});
