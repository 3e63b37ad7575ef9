import { type AppEngine, engineClient, type HostToUi } from '@mak/shared/engine';
import { describe, expect, it, vi } from 'vitest';
import { createEngineConnections } from './engine-connections.ts';
import { parseUiToHost } from './engine-messages.ts';

const call = (method: string, args: unknown[]) => ({ kind: 'call', id: 7, method, args });

describe('engine messages from the renderer', () => {
  it.each([
    ['session', []],
    ['status', []],
    ['query', ['SELECT * FROM clients']],
    ['query', ['SELECT * FROM clients WHERE id = $1', ['x']]],
    ['mutate', ['client.update', { id: 'x', patch: { name: 'Имя' } }]],
    ['login', [{ serverUrl: 'https://crm.example.ru', email: 'a@b.ru', password: 'pw', totp: '123456' }]],
    ['api', [{ method: 'GET', path: '/api/clients?q=%D0%B0&limit=10' }]],
    [
      'api',
      [{ method: 'POST', path: '/api/auth/totp/enable', body: { code: '1' }, headers: { 'x-trace': '1' } }],
    ],
    ['dismissRejection', ['0190a6a4-5d2b-7c3e-8f00-123456789abc']],
    [
      'acceptInvite',
      [
        {
          serverUrl: 'https://crm.example.ru',
          token: 'tok-123456789',
          name: 'Анна',
          password: 'long-password',
        },
      ],
    ],
  ])('accepts %s with its arguments', (method, args) => {
    expect(parseUiToHost(call(method, args))).toEqual(call(method, args));
  });

  it('accepts watch and unwatch', () => {
    const watch = { kind: 'watch', watchId: 3, sql: 'SELECT 1', params: [] };
    expect(parseUiToHost(watch)).toEqual(watch);
    expect(parseUiToHost({ kind: 'unwatch', watchId: 3 })).toEqual({ kind: 'unwatch', watchId: 3 });
  });

  it('drops keys the contract does not have', () => {
    const parsed = parseUiToHost({
      ...call('login', [{ serverUrl: 'http://127.0.0.1:3000', email: 'e', password: 'p', admin: true }]),
      extra: 1,
    });
    expect(parsed).toEqual(
      call('login', [{ serverUrl: 'http://127.0.0.1:3000', email: 'e', password: 'p' }]),
    );
  });

  it.each([
    ['not an object', 'call'],
    ['null', null],
    ['an unknown kind', { kind: 'eval', code: '1' }],
    ['a method outside the contract', call('constructor', [])],
    ['an inherited method name', call('toString', [])],
    ['a watch-only method', call('watch', ['SELECT 1', [], null])],
    ['a fractional id', { ...call('status', []), id: 1.5 }],
    ['a negative id', { ...call('status', []), id: -1 }],
    ['args that are not an array', { ...call('query', []), args: { 0: 'SELECT 1' } }],
    ['too many args', call('status', [1])],
    ['a missing argument', call('query', [])],
    ['SQL that is not text', call('query', [{ toString: 'x' }])],
    ['SQL too long', call('query', ['x'.repeat(100_001)])],
    ['params that are not an array', call('query', ['SELECT 1', 'x'])],
    ['a mutation name with odd characters', call('mutate', ['../../etc', {}])],
    [
      'a login to a file URL',
      call('login', [{ serverUrl: 'file:///etc/passwd', email: 'e', password: 'p' }]),
    ],
    [
      'a login to a URL with credentials',
      call('login', [{ serverUrl: 'https://u:p@evil.example', email: 'e', password: 'p' }]),
    ],
    ['a login without a password', call('login', [{ serverUrl: 'https://x.ru', email: 'e' }])],
    ['an API path outside /api/', call('api', [{ method: 'GET', path: '/v1/shape?table=users' }])],
    ['an API path climbing out', call('api', [{ method: 'GET', path: '/api/../v1/shape' }])],
    ['an API path climbing out, encoded', call('api', [{ method: 'GET', path: '/api/%2e%2e/v1/shape' }])],
    ['an API path to another host', call('api', [{ method: 'GET', path: '//evil.example/api/x' }])],
    ['an API method outside the list', call('api', [{ method: 'TRACE', path: '/api/clients' }])],
    [
      'an API call overriding the token',
      call('api', [{ method: 'GET', path: '/api/me', headers: { Authorization: 'Bearer x' } }]),
    ],
    [
      'an invitation accepted at a file URL',
      call('acceptInvite', [{ serverUrl: 'file:///etc/passwd', token: 't', name: 'n', password: 'p' }]),
    ],
    [
      'an invitation without a token',
      call('acceptInvite', [{ serverUrl: 'https://x.ru', name: 'n', password: 'p' }]),
    ],
    ['a watch without params', { kind: 'watch', watchId: 1, sql: 'SELECT 1' }],
    ['an unwatch without id', { kind: 'unwatch' }],
  ])('drops %s', (_what, raw) => {
    expect(parseUiToHost(raw)).toBeNull();
  });
});

/** An engine that answers `status` slowly, so a reload can overtake an answer. */
function slowEngine(): AppEngine & { release(): void } {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const base = {} as AppEngine;
  return Object.assign(base, {
    release,
    session: async () => null,
    status: async () => {
      await gate;
      return { online: true } as never;
    },
    watch: (_sql: string, _params: unknown[], onRows: (rows: unknown[]) => void) => {
      onRows([{ n: 1 }]);
      return () => {};
    },
    onEvent: () => () => {},
  });
}

describe('engine connections (one per page load)', () => {
  it('serves a page: answers its calls and streams its live queries', async () => {
    const engine = slowEngine();
    const connections = createEngineConnections(engine);
    let toUi: (m: HostToUi) => void = () => {};
    connections.connect(1, (m) => toUi(structuredClone(m)));
    const client = engineClient({
      post: (m) => connections.receive(1, structuredClone(m)),
      listen: (r) => {
        toUi = r;
      },
    });
    expect(await client.session()).toBeNull();
    const rows = vi.fn();
    client.watch('SELECT 1', [], rows);
    expect(rows).toHaveBeenCalledWith([{ n: 1 }]);
    engine.release();
    expect(await client.status()).toEqual({ online: true });
  });

  it('drops invalid messages and messages from pages it never connected', () => {
    const dropped = vi.fn();
    const connections = createEngineConnections(slowEngine(), dropped);
    expect(connections.receive(9, call('session', []))).toBe(false);
    connections.connect(1, () => {});
    expect(connections.receive(1, call('constructor', []))).toBe(false);
    expect(connections.receive(1, call('session', []))).toBe(true);
    expect(dropped).toHaveBeenCalledTimes(2);
  });

  it('a reload drops the old page’s late answers and stops its live queries', async () => {
    const engine = slowEngine();
    const stopped = vi.fn();
    engine.watch = () => stopped;
    const connections = createEngineConnections(engine);
    const before: HostToUi[] = [];
    const after: HostToUi[] = [];
    connections.connect(1, (m) => before.push(m));
    connections.receive(1, call('status', []));
    connections.receive(1, { kind: 'watch', watchId: 8, sql: 'SELECT 1', params: [] });

    connections.connect(1, (m) => after.push(m));
    expect(stopped).toHaveBeenCalledOnce();
    engine.release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(before).toEqual([]);
    expect(after).toEqual([]);

    connections.receive(1, call('session', []));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(after).toEqual([{ kind: 'result', id: 7, ok: true, value: null }]);
    connections.closeAll();
    expect(connections.receive(1, call('session', []))).toBe(false);
  });
});
