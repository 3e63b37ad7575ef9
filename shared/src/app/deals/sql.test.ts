import { describe, expect, it } from 'vitest';
import { containsPattern, forLiveQuery, Params } from './sql.ts';

describe('query building', () => {
  it('numbers placeholders once each in textual order, repeating reused values', () => {
    const p = new Params();
    const a = p.add('A');
    const b = p.add('B');
    const q = p.query(`SELECT ${b}, ${a}, ${b}, ${a}`);
    expect(q).toEqual({ sql: 'SELECT $1, $2, $3, $4', params: ['B', 'A', 'B', 'A'] });
  });

  it('refuses % in the SQL text and placeholders without values', () => {
    expect(() => forLiveQuery(`SELECT 'x%'`, [])).toThrow(/%/);
    expect(() => forLiveQuery('SELECT $2', ['a'])).toThrow(/\$2/);
  });

  it('escapes LIKE wildcards in a search fragment', () => {
    expect(containsPattern('50%_A\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
