import type { TokenSealer } from '../session-store.ts';

/** A stand-in for safeStorage whose output is visibly not the token (reversed, tagged), so tests can tell it sealed. */
export const testSealer: TokenSealer = {
  available: () => true,
  seal: (plain) => Buffer.from(`sealed:${[...plain].reverse().join('')}`),
  open(sealed) {
    const text = sealed.toString();
    if (!text.startsWith('sealed:')) throw new Error('not sealed by this key');
    return [...text.slice('sealed:'.length)].reverse().join('');
  },
};

/** A machine without a key store (Linux with no keyring). */
export const noKeyStore: TokenSealer = {
  available: () => false,
  seal: () => {
    throw new Error('no key store');
  },
  open: () => {
    throw new Error('no key store');
  },
};
