/**
 * Where the page's main thread spends its time: a CDP CPU profile over a window, summarised as the functions with
 * the most self time. The bundle is minified, so each entry also shows the bundle text at its position, which is
 * usually enough to recognise the code (a string, a property name).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export async function startMainThreadProfile(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  return async (webAppDir: string, top = 15): Promise<string[]> => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    await cdp.detach();
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => {
      self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    const byFrame = new Map<string, { us: number; frame: ProfileNode['callFrame'] }>();
    for (const node of profile.nodes) {
      const us = self.get(node.id) ?? 0;
      const f = node.callFrame;
      const key = `${f.functionName}@${f.url}:${f.lineNumber}:${f.columnNumber}`;
      const entry = byFrame.get(key) ?? { us: 0, frame: f };
      entry.us += us;
      byFrame.set(key, entry);
    }
    const total = [...byFrame.values()].reduce((s, e) => s + e.us, 0);
    return [...byFrame.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map(({ us, frame }) => {
        const where = frame.url
          ? `${path.basename(new URL(frame.url).pathname)}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`
          : '';
        return `${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${frame.functionName || '(anonymous)'} ${where} ${snippet(webAppDir, frame)}`;
      });
  };
}

function snippet(webAppDir: string, frame: ProfileNode['callFrame']): string {
  if (!frame.url.includes('/assets/')) return '';
  try {
    const file = path.join(webAppDir, 'assets', path.basename(new URL(frame.url).pathname));
    const line = readFileSync(file, 'utf8').split('\n')[frame.lineNumber] ?? '';
    return `«${line.slice(frame.columnNumber, frame.columnNumber + 90).replace(/\s+/g, ' ')}»`;
  } catch {
    return '';
  }
}
