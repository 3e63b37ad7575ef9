import { uuidv7 } from 'uuidv7';

/** Time-ordered ids, so records can be born offline and still index well. */
export const newId = (): string => uuidv7();
