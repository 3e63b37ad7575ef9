import { describe, expect, it } from 'vitest';
import { ShapeError } from './errors.ts';
import { parseIdentifierList, parseTableName } from './identifiers.ts';
import { compareOffsets, formatOffset, parseOffset } from './offset.ts';
import { checkWhere } from './where.ts';

const rejects = (where: string) => {
  try {
    checkWhere(where);
  } catch (err) {
    expect(err).toBeInstanceOf(ShapeError);
    expect((err as ShapeError).status).toBe(400);
    return (err as ShapeError).body;
  }
  throw new Error(`accepted: ${where}`);
};

describe('where check', () => {
  it('accepts boolean expressions over columns with $n placeholders', () => {
    for (const w of [
      'owner_id = $1',
      "name ILIKE 'a%' AND n BETWEEN 1 AND 10",
      'status IN ($1, $2) OR tags @> ARRAY[$3]::text[]',
      'lower(name) = $1 AND coalesce(n, 0) > 2',
      'amount::numeric(10,2) > 5.5e2',
      '"Odd Name" IS NOT NULL AND deleted_at IS NULL',
      "created_at > $1::timestamptz - interval '1 day'",
      "note = 'it''s; -- fine'",
      'id = ANY ($1::uuid[])',
    ]) {
      expect(() => checkWhere(w), w).not.toThrow();
    }
    expect(checkWhere('a = $2 and b = $1').maxParam).toBe(2);
    expect([...checkWhere('"Mixed" = x').names]).toEqual(['Mixed', 'x']);
  });

  it('rejects statements, comments, subqueries, odd quoting and time-dependent or unknown functions', () => {
    for (const w of [
      'true; DROP TABLE x',
      'n > 1 -- rest',
      'n > 1 /* c */',
      'id IN (SELECT id FROM t)',
      'EXISTS (VALUES (1))',
      '(TABLE t) IS NULL',
      "$$x$$ = 'x'",
      "E'\\'' = name",
      'pg_sleep(10) IS NULL',
      'query_to_xml($1, true, true, $2) IS NULL',
      'created_at > now()',
      'd < current_date',
      'n > (1',
      'n > 1)',
      "name = 'open",
      'a.b = 1',
      '',
    ]) {
      expect(rejects(w), w).toMatchObject({
        message: 'Invalid request',
        errors: { where: [expect.any(String)] },
      });
    }
  });
});

describe('offsets and identifiers', () => {
  it('parses, formats and orders offsets as tuples with inf on top', () => {
    for (const text of ['-1', '0_0', '0_inf', '12_4', '9223372036854775807_inf']) {
      expect(formatOffset(parseOffset(text) as NonNullable<ReturnType<typeof parseOffset>>)).toBe(text);
    }
    for (const bad of ['now', '1', '1_', '_1', '1_2_3', '-2', '99999999999999999999_1', '1_x'])
      expect(parseOffset(bad)).toBeNull();
    const sorted = ['3_inf', '-1', '3_2', '0_inf', '3_10', '0_0'].map(
      (t) => parseOffset(t) as NonNullable<ReturnType<typeof parseOffset>>,
    );
    sorted.sort(compareOffsets);
    expect(sorted.map(formatOffset)).toEqual(['-1', '0_0', '0_inf', '3_2', '3_10', '3_inf']);
  });

  it('follows Postgres identifier rules for table and columns', () => {
    expect(parseTableName('Items')).toEqual(['public', 'items']);
    expect(parseTableName('electric_test."issues for x"')).toEqual(['electric_test', 'issues for x']);
    expect(parseTableName('"a""b".c')).toEqual(['a"b', 'c']);
    expect(parseTableName('a.b.c')).toBeNull();
    expect(parseTableName('"')).toBeNull();
    expect(parseIdentifierList('"id","Name", other', ',')).toEqual(['id', 'Name', 'other']);
    expect(parseIdentifierList('id,,x', ',')).toBeNull();
  });
});
