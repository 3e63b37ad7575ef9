import { type HotkeyItem, useHotkeys } from '@mantine/hooks';
import { useRef } from 'react';

/** How long after `g` the second key of a `g c` sequence still counts. */
export const SEQUENCE_MS = 1500;

export interface ShellShortcuts {
  openSearch: () => void;
  openHelp: () => void;
  /** `g <key>` targets: key (physical, Latin layout) → action. */
  goTo: Record<string, () => void>;
}

/**
 * Ctrl/Cmd+K opens search from anywhere, text fields included; `g c`-style sequences and `?` work outside text
 * fields. Letters are matched by physical key (`KeyG`), so they work with a Russian layout too.
 */
export function useShellShortcuts({ openSearch, openHelp, goTo }: ShellShortcuts) {
  const armedAt = useRef(0);
  useHotkeys([['mod+K', openSearch, { usePhysicalKeys: true }]], []);
  const sequences: HotkeyItem[] = Object.entries(goTo).map(([key, go]) => [
    key,
    () => {
      if (Date.now() - armedAt.current > SEQUENCE_MS) return;
      armedAt.current = 0;
      go();
    },
    { usePhysicalKeys: true, preventDefault: false },
  ]);
  useHotkeys([
    [
      'g',
      () => {
        armedAt.current = Date.now();
      },
      { usePhysicalKeys: true, preventDefault: false },
    ],
    ...sequences,
    ['shift+?', openHelp],
  ]);
}
