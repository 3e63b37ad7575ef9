import { describe, expect, it } from 'vitest';
import { generatePassword } from './password.ts';
import { containsPattern, USERS_COUNT_SQL, USERS_SQL, userFilter } from './queries.ts';

/** `$n` in order of appearance must be 1, 2, 3, …: live queries bind parameters by position of appearance. */
const placeholders = (sql: string) => [...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));

describe('users queries', () => {
  it('escapes LIKE wildcards in the search text', () => {
    expect(containsPattern('')).toBe('%%');
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });

  it('use each parameter once, in order, and get as many as they use', () => {
    expect(placeholders(USERS_SQL)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(placeholders(USERS_COUNT_SQL)).toEqual([1, 2, 3, 4]);
    expect(userFilter('ив', false)).toHaveLength(4);
  });
});

describe('generatePassword', () => {
  it('makes long passwords without look-alike characters', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{14}$/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});
