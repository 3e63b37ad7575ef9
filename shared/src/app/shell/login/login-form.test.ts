import { describe, expect, it } from 'vitest';
import { loginFailure, normaliseServerUrl, validateLogin } from './login-form.ts';

const fail = (code: string) => ({ ok: false as const, status: 401, code, message: code });

describe('sign-in form', () => {
  it('accepts only http(s) server addresses, without credentials, query or fragment', () => {
    expect(normaliseServerUrl(' https://crm.example.ru/ ')).toBe('https://crm.example.ru');
    expect(normaliseServerUrl('http://10.0.0.5:3000/mak//')).toBe('http://10.0.0.5:3000/mak');
    for (const bad of [
      '',
      'crm.example.ru',
      'ftp://x.ru',
      'javascript:alert(1)',
      'https://u:p@x.ru',
      'https://x.ru/?a=1',
    ]) {
      expect(normaliseServerUrl(bad)).toBeNull();
    }
  });

  it('names what is missing or mistyped', () => {
    expect(validateLogin({ serverUrl: '', email: '', password: '' }, true)).toEqual({
      serverUrl: 'serverUrlRequired',
      email: 'emailRequired',
      password: 'passwordRequired',
    });
    expect(validateLogin({ serverUrl: 'x', email: 'a@b', password: 'p' }, true)).toEqual({
      serverUrl: 'serverUrlInvalid',
      email: 'emailInvalid',
    });
    expect(validateLogin({ serverUrl: '', email: ' admin@demo.mak ', password: 'p' }, false)).toEqual({});
  });

  it('moves to the second factor when asked, and says why a sign-in failed', () => {
    expect(loginFailure(fail('totp_required'), 'credentials')).toEqual({ next: 'totp', error: null });
    expect(loginFailure(fail('unauthenticated'), 'credentials')).toEqual({
      next: 'credentials',
      error: 'wrongCredentials',
    });
    expect(loginFailure(fail('unauthenticated'), 'totp')).toEqual({ next: 'totp', error: 'wrongTotp' });
    expect(loginFailure(fail('locked'), 'totp')).toEqual({ next: 'credentials', error: 'locked' });
    expect(loginFailure(fail('rate_limited'), 'totp')).toEqual({ next: 'totp', error: 'rateLimited' });
    expect(loginFailure({ ...fail('network'), status: 0 }, 'credentials')).toEqual({
      next: 'credentials',
      error: 'network',
    });
    expect(loginFailure(fail('internal'), 'credentials').error).toBe('unknown');
  });
});
