/**
 * Tells the engine when the network comes back, so queued edits go out at once instead of after a backoff.
 * Electron has no "online" event in the main process: `net.isOnline()` is polled, and waking from sleep counts too.
 */
export interface NetworkWatchOptions {
  isOnline(): boolean;
  onBack(): void;
  intervalMs?: number;
}

export interface NetworkWatch {
  /** Something else saw the network return (resume from sleep): report it now. */
  poke(): void;
  stop(): void;
}

export function watchNetwork(options: NetworkWatchOptions): NetworkWatch {
  let wasOnline = options.isOnline();
  const check = () => {
    const online = options.isOnline();
    if (online && !wasOnline) options.onBack();
    wasOnline = online;
  };
  const timer = setInterval(check, options.intervalMs ?? 5_000);
  timer.unref?.();
  return {
    poke() {
      wasOnline = options.isOnline();
      if (wasOnline) options.onBack();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
