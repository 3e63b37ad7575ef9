import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from './src/main/window-options.ts';

/** The same policy the app:// handler sends as a header, also as a <meta> tag in the page itself. */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'mak-csp-meta',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  root: new URL('./renderer', import.meta.url).pathname,
  base: '/',
  plugins: [react(), contentSecurityPolicyMeta()],
  build: {
    outDir: new URL('./dist/renderer', import.meta.url).pathname,
    emptyOutDir: true,
    target: 'chrome140',
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: false,
  },
});
