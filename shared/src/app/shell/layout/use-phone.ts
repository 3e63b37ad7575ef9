import { useMediaQuery } from '@mantine/hooks';

/** Under 768 px: cards, bottom bar, compact header. Read at once (no server render), so phones never flash the desktop layout. */
export function usePhone(): boolean {
  return useMediaQuery('(max-width: 48em)', undefined, { getInitialValueInEffect: false }) ?? false;
}
