import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppFile, serveAppRequest } from './app-protocol.ts';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_META,
  externalTarget,
  isAppUrl,
  mainWindowOptions,
} from './window-options.ts';

const directives = (policy: string) =>
  new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));

describe('the main window', () => {
  it('isolates the renderer: sandboxed, context-isolated, no Node, web security on', () => {
    const options = mainWindowOptions('/opt/mak/dist/preload.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/opt/mak/dist/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has a strict CSP: own scripts only, no inline or eval, no network', () => {
    const csp = directives(CONTENT_SECURITY_POLICY);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    for (const [name, sources] of csp) {
      if (name !== 'style-src') expect(sources, name).not.toContain("'unsafe-inline'");
      expect(sources, name).not.toContain("'unsafe-eval'");
      expect(
        sources.some((s) => s.startsWith('http') || s === '*'),
        name,
      ).toBe(false);
    }
    // The <meta> copy is the same minus what a meta tag cannot carry.
    expect(directives(CONTENT_SECURITY_POLICY_META).has('frame-ancestors')).toBe(false);
    expect(CONTENT_SECURITY_POLICY).toContain(
      CONTENT_SECURITY_POLICY_META.split('; ').slice(0, 6).join('; '),
    );
  });

  it('navigates only within the app; web and mail links go to the system browser, anything else nowhere', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://mak/index.html#/clients/1')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://mak/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);

    expect(externalTarget('https://example.ru/a?b=1')).toBe('https://example.ru/a?b=1');
    expect(externalTarget('mailto:client@example.ru')).toBe('mailto:client@example.ru');
    expect(externalTarget('file:///etc/passwd')).toBeNull();
    expect(externalTarget('javascript:alert(1)')).toBeNull();
    expect(externalTarget('smb://host/share')).toBeNull();
    expect(externalTarget('https://user:pass@example.ru/')).toBeNull();
    expect(externalTarget('')).toBeNull();
  });
});

describe('the app:// protocol', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'mak-renderer-'));
    await mkdir(path.join(root, 'assets'));
    await writeFile(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    await writeFile(path.join(`${root}-secret.txt`), 'secret');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(`${root}-secret.txt`, { force: true });
  });

  it('maps app URLs to files under the renderer folder', () => {
    expect(resolveAppFile(root, 'app://mak/')).toEqual({
      file: path.join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppFile(root, 'app://mak/assets/index-abc.js?v=1#x')?.file).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
  });

  it('lets the URL parser settle dot segments, which cannot climb above the root', () => {
    for (const url of ['app://mak/../x.txt', 'app://mak/%2e%2e/x.txt', 'app://mak/assets/../../../x.txt']) {
      expect(resolveAppFile(root, url)?.file).toBe(path.join(root, 'x.txt'));
    }
  });

  it.each([
    'app://mak/assets/%2e%2e/%2e%2e/etc/passwd',
    'app://mak/assets%2f..%2f..%2fetc%2fpasswd.txt',
    'app://mak/a%5c..%5c..%5cx.txt',
    'app://mak/index.html%00.js',
    'app://mak/%E0%A4%A',
    'app://other/index.html',
    'https://mak/index.html',
    'app://mak/no-extension',
    'app://mak/program.exe',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('answers files with the CSP header, 404 for anything else, 405 for writes', async () => {
    const index = await serveAppRequest(root, new Request('app://mak/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('id="root"');
    expect((await serveAppRequest(root, new Request('app://mak/assets/missing.js'))).status).toBe(404);
    expect(
      (await serveAppRequest(root, new Request(`app://mak/%2e%2e/${path.basename(root)}-secret.txt`))).status,
    ).toBe(404);
    expect(
      (await serveAppRequest(root, new Request('app://mak/index.html', { method: 'POST', body: 'x' })))
        .status,
    ).toBe(405);
  });
});
