import { describe, expect, it } from 'vitest';
import { describeUserAgent } from './user-agent.ts';

describe('describeUserAgent', () => {
  it('names common browsers and systems', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      ),
    ).toEqual({ client: 'Chrome 131', os: 'Windows', kind: 'desktop' });
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
      ).client,
    ).toBe('Edge 131');
    expect(
      describeUserAgent('Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'),
    ).toEqual({ client: 'Firefox 133', os: 'Linux', kind: 'desktop' });
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toEqual({ client: 'Safari 17', os: 'iOS', kind: 'phone' });
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      ),
    ).toEqual({ client: 'Chrome 131', os: 'Android', kind: 'phone' });
  });

  it('recognises the desktop app', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) mak-desktop/0.1.0 Chrome/130.0.6723.191 Electron/33.3.1 Safari/537.36',
      ),
    ).toEqual({ client: 'MaK CRM', os: 'macOS', kind: 'app' });
  });

  it('names scripts and copes with nothing', () => {
    expect(describeUserAgent('curl/8.5.0')).toEqual({ client: 'curl 8.5.0', os: null, kind: 'api' });
    expect(describeUserAgent('node')).toEqual({ client: 'node', os: null, kind: 'api' });
    expect(describeUserAgent(null)).toEqual({ client: null, os: null, kind: 'unknown' });
    expect(describeUserAgent('   ')).toEqual({ client: null, os: null, kind: 'unknown' });
  });
});
