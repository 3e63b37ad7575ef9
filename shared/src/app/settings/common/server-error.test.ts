import { describe, expect, it } from 'vitest';
import { messageKey, serverFailure } from './server-error.ts';

const res = (status: number, body: unknown) => ({
  status,
  ok: status >= 200 && status < 300,
  body,
  headers: {},
});

describe('serverFailure', () => {
  it('is null for a success', () => {
    expect(serverFailure(res(200, { ok: true }))).toBeNull();
  });

  it('reads the server error body with its fields', () => {
    expect(
      serverFailure(
        res(400, {
          code: 'validation',
          message: 'Current password is wrong',
          fields: [
            { field: 'currentPassword', message: 'wrong password' },
            { field: 'currentPassword', message: 'second message' },
          ],
        }),
      ),
    ).toEqual({
      offline: false,
      status: 400,
      code: 'validation',
      message: 'Current password is wrong',
      fields: { currentPassword: 'wrong password' },
    });
  });

  it('marks a network failure as offline', () => {
    expect(serverFailure(res(0, { code: 'network', message: 'fetch failed' }))?.offline).toBe(true);
    expect(serverFailure(res(0, null))).toMatchObject({ offline: true, code: 'network' });
  });

  it('copes with bodies that are not ours', () => {
    expect(serverFailure(res(502, '<html>bad gateway</html>'))).toMatchObject({
      code: 'internal',
      message: 'HTTP 502',
      fields: {},
    });
    expect(
      serverFailure(res(400, { fields: [null, 3, { field: 1 }, { field: 'a', message: 'b' }] }))?.fields,
    ).toEqual({
      a: 'b',
    });
  });
});

describe('messageKey', () => {
  it('slugs messages', () => {
    expect(messageKey('wrong password')).toBe('wrong_password');
    expect(messageKey('six digits')).toBe('six_digits');
    expect(messageKey('Too small: expected string to have >=8 characters')).toBe(
      'too_small_expected_string_to_have_8_characters',
    );
  });
});
