/** A session's device as a person would name it: browser or app, and the system it runs on. */
export interface DeviceInfo {
  /** `Chrome 131`, `MaK CRM`, or null when the agent says nothing recognisable. */
  client: string | null;
  os: string | null;
  kind: 'desktop' | 'phone' | 'app' | 'api' | 'unknown';
}

const major = (ua: string, re: RegExp): string | null => {
  const m = ua.match(re);
  return m?.[1] ? (m[1].split('.')[0] ?? null) : null;
};

function osOf(ua: string): string | null {
  if (/iPhone|iPad|iPod/.test(ua)) return /iPad/.test(ua) ? 'iPadOS' : 'iOS';
  if (/Android/.test(ua)) return 'Android';
  if (/Windows NT/.test(ua)) return 'Windows';
  if (/Mac OS X|Macintosh/.test(ua)) return 'macOS';
  if (/CrOS/.test(ua)) return 'ChromeOS';
  if (/Linux/.test(ua)) return 'Linux';
  return null;
}

function browserOf(ua: string): string | null {
  // Order matters: Edge and Opera carry "Chrome", Chrome carries "Safari".
  const checks: [string, RegExp][] = [
    ['Edge', /Edg(?:e|A|iOS)?\/([\d.]+)/],
    ['Opera', /OPR\/([\d.]+)/],
    ['Yandex', /YaBrowser\/([\d.]+)/],
    ['Firefox', /(?:Firefox|FxiOS)\/([\d.]+)/],
    ['Chrome', /(?:Chrome|CriOS)\/([\d.]+)/],
    ['Safari', /Version\/([\d.]+).*Safari/],
  ];
  for (const [name, re] of checks) {
    const v = major(ua, re);
    if (v) return `${name} ${v}`;
  }
  return null;
}

export function describeUserAgent(ua: string | null | undefined): DeviceInfo {
  const agent = (ua ?? '').trim();
  if (!agent) return { client: null, os: null, kind: 'unknown' };
  const os = osOf(agent);
  const electron = major(agent, /Electron\/([\d.]+)/);
  if (electron || /MaK[ -]?CRM/i.test(agent)) return { client: 'MaK CRM', os, kind: 'app' };
  const browser = browserOf(agent);
  if (browser) {
    const phone = /Mobile|Android|iPhone|iPod/.test(agent);
    return { client: browser, os, kind: phone ? 'phone' : 'desktop' };
  }
  // Scripts and integrations: curl/8.5, node, python-requests/2.31 …
  const tool = agent.match(/^([A-Za-z][\w.-]*)(?:\/([\d.]+))?/);
  if (tool?.[1]) return { client: tool[2] ? `${tool[1]} ${tool[2]}` : tool[1], os, kind: 'api' };
  return { client: null, os, kind: 'unknown' };
}
