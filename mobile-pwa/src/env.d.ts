/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/vanillajs" />

/** PGlite's package version, set by vite.config.ts: part of the replica's IndexedDB name. */
declare const __PGLITE_VERSION__: string;
