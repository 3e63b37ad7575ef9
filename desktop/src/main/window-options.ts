/**
 * The renderer's security settings in one place, as plain data: the BrowserWindow options, the origin the app is
 * served from, the Content-Security-Policy, and which URLs may leave the app (to the system browser).
 */
import type { BrowserWindowConstructorOptions } from 'electron';

/** The privileged scheme the renderer's files are served from (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'mak';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The renderer only runs its own bundled scripts and never reaches the network: server calls go through the main
 * process. Styles allow inline because Mantine writes its CSS variables into a <style> element at run time.
 * No 'wasm-unsafe-eval': PGlite runs in the main process, not here.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The policy for a <meta> tag: browsers ignore frame-ancestors there (and warn), so it is left to the header. */
export const CONTENT_SECURITY_POLICY_META = CONTENT_SECURITY_POLICY.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'MaK CRM',
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  };
}

/** Whether `url` is a page of the app itself (the only place the window may navigate to). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

const EXTERNAL_PROTOCOLS = new Set(['https:', 'http:', 'mailto:', 'tel:']);

/** A link leaving the app opens in the system browser, but only for web and mail links; anything else is dropped. */
export function externalTarget(url: string): string | null {
  try {
    const u = new URL(url);
    if (!EXTERNAL_PROTOCOLS.has(u.protocol)) return null;
    if ((u.protocol === 'http:' || u.protocol === 'https:') && (u.username || u.password)) return null;
    return u.toString();
  } catch {
    return null;
  }
}
