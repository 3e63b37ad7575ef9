import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchNetwork } from './network-watch.ts';

describe('network watch', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports the network coming back once per outage, and on resume from sleep', () => {
    let online = true;
    const onBack = vi.fn();
    const watch = watchNetwork({ isOnline: () => online, onBack, intervalMs: 1_000 });
    vi.advanceTimersByTime(3_000);
    expect(onBack).not.toHaveBeenCalled();
    online = false;
    vi.advanceTimersByTime(3_000);
    online = true;
    vi.advanceTimersByTime(3_000);
    expect(onBack).toHaveBeenCalledOnce();
    watch.poke();
    expect(onBack).toHaveBeenCalledTimes(2);
    online = false;
    watch.poke();
    expect(onBack).toHaveBeenCalledTimes(2);
    watch.stop();
    online = true;
    vi.advanceTimersByTime(3_000);
    expect(onBack).toHaveBeenCalledTimes(2);
  });
});
