/** Strings of the tasks screens: Russian first, English the same keys. */
export const ru = {};

export const en: typeof ru = {};
