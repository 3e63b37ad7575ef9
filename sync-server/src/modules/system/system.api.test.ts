import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, startTestServer, type TestServer } from '../../testing/harness.ts';
import { makeWorld } from '../../testing/world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe('system routes', () => {
  it('reports health with the database in use', async () => {
    const res = await server.api('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: engine() });
  });

  it('publishes an OpenAPI 3.1 document covering every route with schemas', async () => {
    const res = await server.api('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/auth/login',
      '/auth/2fa/enable',
      '/clients',
      '/clients/{id}',
      '/clients/{id}/restore',
      '/clients/{id}/history',
      '/contacts',
      '/deals',
      '/pipelines',
      '/stages',
      '/tasks',
      '/notes',
      '/segments',
      '/custom-fields',
      '/users',
      '/roles',
      '/health',
    ]) {
      expect(paths).toContain(p);
    }
    for (const [path, ops] of Object.entries<
      Record<
        string,
        { responses: Record<string, unknown>; requestBody?: { content: Record<string, { schema: unknown }> } }
      >
    >(res.body.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.responses['200'] ?? op.responses['201'], `${method} ${path}`).toBeDefined();
        if (
          ['post', 'patch'].includes(method) &&
          // Actions on one record (restore, revoke, accept…) may take no body.
          !/\/\{[a-zA-Z]+\}\/[a-z-]+$/.test(path) &&
          !path.startsWith('/auth/logout') &&
          !path.startsWith('/auth/2fa/setup')
        ) {
          expect(op.requestBody?.content['application/json']?.schema, `${method} ${path} body`).toBeDefined();
        }
      }
    }
  });

  it('serves the docs UI', async () => {
    const res = await server.api('/api/docs');
    expect(res.status).toBe(200);
    expect(String(res.body)).toContain('swagger');
  });

  it('answers 401 to anonymous callers and 404 with the error shape to signed-in ones for unknown routes', async () => {
    expect((await server.api('/api/nope')).status).toBe(401);
    const { admin } = await makeWorld(server.database.db);
    const res = await server.api('/api/nope', { token: admin.token });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
  });
});
