/** Strings of the settings screens: Russian first, English the same keys. */
export const ru = {};

export const en: typeof ru = {};
