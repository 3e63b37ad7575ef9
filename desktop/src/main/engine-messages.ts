/**
 * Checks what the renderer sends before the engine sees it: only the messages of rpc.ts's `UiToHost`, each call with
 * the arguments its method takes. A renderer is treated as untrusted input: anything else is dropped.
 */
import type { EngineCalls, UiToHost } from '@mak/shared/engine';
import { z } from 'zod';

const MAX_SQL = 100_000;
const MAX_PARAMS = 1_000;

const messageId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const httpUrl = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'an http(s) server address');

/** A server path under /api/ that stays there once resolved (no `..`, encoded or not, no other host). */
const apiPath = z
  .string()
  .max(8192)
  .refine((p) => {
    if (!p.startsWith('/api/') || p.includes('\\') || p.includes('#')) return false;
    try {
      const u = new URL(p, 'http://server.invalid');
      return u.host === 'server.invalid' && u.pathname.startsWith('/api/');
    } catch {
      return false;
    }
  }, 'a path under /api/');

const FORBIDDEN_HEADERS = new Set(['authorization', 'cookie', 'host', 'content-length', 'content-type']);
const headers = z
  .record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/), z.string().max(4096))
  .refine(
    (h) =>
      Object.keys(h).length <= 20 && Object.keys(h).every((k) => !FORBIDDEN_HEADERS.has(k.toLowerCase())),
  );

const sqlText = z.string().min(1).max(MAX_SQL);
const sqlParams = z.array(z.unknown()).max(MAX_PARAMS);

const none = z.tuple([]);
const callArgs = {
  session: none,
  login: z.tuple([
    z.object({
      serverUrl: httpUrl,
      email: z.string().min(1).max(320),
      password: z.string().min(1).max(1024),
      totp: z.string().max(64).optional(),
    }),
  ]),
  logout: none,
  refreshUser: none,
  query: z.union([z.tuple([sqlText]), z.tuple([sqlText, sqlParams])]),
  mutate: z.tuple([z.string().regex(/^[a-z][A-Za-z0-9_.]{0,99}$/), z.unknown()]),
  dismissRejection: z.tuple([z.string().min(1).max(100)]),
  retryNow: none,
  status: none,
  api: z.tuple([
    z.object({
      method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
      path: apiPath,
      body: z.unknown().optional(),
      headers: headers.optional(),
    }),
  ]),
  acceptInvite: z.tuple([
    z.object({
      serverUrl: httpUrl,
      token: z.string().min(1).max(200),
      name: z.string().min(1).max(300),
      password: z.string().min(1).max(1024),
    }),
  ]),
} satisfies Record<keyof EngineCalls, z.ZodType<unknown[]>>;

const envelope = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('call'),
    id: messageId,
    method: z.enum(Object.keys(callArgs) as [keyof EngineCalls, ...(keyof EngineCalls)[]]),
    args: z.array(z.unknown()).max(4),
  }),
  z.object({ kind: z.literal('watch'), watchId: messageId, sql: sqlText, params: sqlParams }),
  z.object({ kind: z.literal('unwatch'), watchId: messageId }),
]);

/** The message as `UiToHost`, or null when it is not one (wrong shape, unknown method, bad arguments). */
export function parseUiToHost(raw: unknown): UiToHost | null {
  const outer = envelope.safeParse(raw);
  if (!outer.success) return null;
  const message = outer.data;
  if (message.kind !== 'call') return message;
  const args = callArgs[message.method].safeParse(message.args);
  if (!args.success) return null;
  return { kind: 'call', id: message.id, method: message.method, args: args.data };
}
