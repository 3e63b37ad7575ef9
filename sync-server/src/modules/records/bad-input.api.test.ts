import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Attempt,
  call,
  fx,
  rejected,
  seen,
  setup,
  teardown,
  WRONG,
  type WriteRoute,
} from './bad-input.fixtures.ts';
import { WRITE_ROUTES } from './bad-input.routes.ts';

/**
 * Bad input, part 1: the shape of the body. For every create and update route (and the auth writes), signed
 * in as admin: bodies that are not JSON objects, wrong types per field, missing required fields, unknown
 * fields, a NUL character, a 10 KB string where 300 characters are allowed and a 1 MB string (413). Every
 * refusal is checked to have the error shape, to name the failing field and to have written nothing (rows,
 * audit log, the target's version and fields). Routes and valid bodies: bad-input.routes.ts. Part 2
 * (bad-input-2.api.test.ts): stored-verbatim strings, path and query parameters, references, domain rules,
 * 401/403/409.
 */

beforeAll(async () => {
  await setup();
});
afterAll(() => teardown());

interface Case {
  name: string;
  attempt: () => Attempt;
}

const SHAPES: [string, string][] = [
  ['malformed JSON', '{"name": '],
  ['an empty body', ''],
  ['a JSON array', '[]'],
  ['a JSON string', '"name"'],
  ['null', 'null'],
  ['a bare number', '42'],
  ['JSON with a trailing comma', '{"name": "x",}'],
];

function casesFor(route: WriteRoute): Case[] {
  const base = () => route.body();
  const [limited, limit] = route.limited;
  return [
    ...SHAPES.map(
      ([name, rawBody]): Case => ({ name: `${name} → 400`, attempt: () => ({ rawBody, status: 400 }) }),
    ),
    {
      name: 'a JSON body sent as text/plain → 400',
      attempt: () => ({
        rawBody: JSON.stringify(base()),
        headers: { 'content-type': 'text/plain' },
        status: 400,
      }),
    },
    ...Object.entries(route.kinds).map(
      ([field, kind]): Case => ({
        name: `${field}: ${JSON.stringify(WRONG[kind])} (${kind} due) → 400 ${field}`,
        attempt: () => ({ body: { ...base(), [field]: WRONG[kind] }, status: 400, fields: [field] }),
      }),
    ),
    ...route.required.map(
      (field): Case => ({
        name: `${field}: null → 400 ${field}`,
        attempt: () => ({ body: { ...base(), [field]: null }, status: 400, fields: [field] }),
      }),
    ),
    ...(route.required.length
      ? [
          {
            name: `{} → 400 naming ${route.required.join(', ')}`,
            attempt: () => ({ body: {}, status: 400, fields: route.required }),
          },
        ]
      : []),
    ...route.required.map(
      (field): Case => ({
        name: `without ${field} → 400 ${field}`,
        attempt: () => {
          const { [field]: _gone, ...rest } = base();
          return { body: rest, status: 400, fields: [field] };
        },
      }),
    ),
    {
      name: 'an unknown field → 400 naming it',
      attempt: () => ({ body: { ...base(), bogusField: 1 }, status: 400, fields: ['bogusField'] }),
    },
    {
      name: 'an unknown nested field → 400',
      attempt: () => ({ body: { ...base(), 'a.b': { c: 1 } }, status: 400, fields: ['a.b'] }),
    },
    {
      name: `${limited}: 10 KB (limit ${limit}) → 400 ${limited}`,
      attempt: () => ({
        body: { ...base(), [limited]: 'x'.repeat(Math.max(10_240, limit + 5_000)) },
        status: 400,
        fields: [limited],
      }),
    },
    {
      name: `${route.text}: 1 MB → 413`,
      attempt: () => ({ body: { ...base(), [route.text]: 'x'.repeat(1 << 20) }, status: 413 }),
    },
    {
      name: 'a 1 MB body of malformed JSON → 413',
      attempt: () => ({ rawBody: `{"x": "${'y'.repeat(1 << 20)}`, status: 413 }),
    },
    {
      name: `${route.text}: a NUL character → 400 ${route.text}`,
      attempt: () => ({ body: { ...base(), [route.text]: 'a\u0000b' }, status: 400, fields: [route.text] }),
    },
  ];
}

let generated = 0;
for (const route of WRITE_ROUTES) {
  describe(route.label, () => {
    if (!route.anonymous && !route.label.startsWith('POST /api/auth')) {
      generated++;
      it('accepts the valid base body (control)', async () => {
        const res = await call(route.path(), {
          method: route.method,
          body: route.body(),
          token: fx.w.admin.token,
        });
        expect(res.status, JSON.stringify(res.body)).toBe(route.method === 'POST' ? 201 : 200);
      });
    }
    const cases = casesFor(route);
    generated += cases.length;
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      await rejected(route, c.attempt());
    });
  });
}

describe('the whole file', () => {
  it(`ran the generated cases and the server never answered 5xx`, () => {
    expect(generated).toBeGreaterThan(400);
    const bad = seen.filter((s) => s.status >= 500);
    expect(bad).toEqual([]);
    expect(seen.length).toBeGreaterThan(generated);
  });
});
