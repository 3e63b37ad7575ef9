import { DomainError, type ErrorCode } from '@mak/shared/errors';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import type { AppEnv } from './context.ts';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  validation: 400,
  unauthenticated: 401,
  totp_required: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  locked: 423,
  rate_limited: 429,
  internal: 500,
};

export function zodToDomain(err: ZodError, prefix = ''): DomainError {
  const fields = err.issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
  }));
  // Unknown keys are reported against the key itself, so a client sees which extra field to drop.
  const expanded = err.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({
          field: [prefix, ...i.path.map(String), k].filter(Boolean).join('.'),
          message: 'unknown field',
        }))
      : [],
  );
  const all = [...fields.filter((f) => !f.message.startsWith('unknown field(s)')), ...expanded];
  return new DomainError('validation', `Invalid input: ${all.map((f) => f.field).join(', ')}`, {
    fields: all,
  });
}

/** Postgres errors a client can cause (bad reference, duplicate key, out-of-range value) become 4xx, never 500. */
function fromPostgres(err: unknown): DomainError | null {
  const e = err as { code?: string; constraint?: string; detail?: string; cause?: unknown };
  const pgErr = e?.code && /^[0-9A-Z]{5}$/.test(e.code) ? e : (e?.cause as typeof e | undefined);
  if (!pgErr?.code) return null;
  switch (pgErr.code) {
    case '23505':
      return new DomainError('conflict', `Duplicate value (${pgErr.constraint ?? 'unique'})`);
    case '23503': {
      // Name the API field (owner_id → ownerId) rather than the constraint, which a client cannot act on.
      const column = /Key \((\w+)\)=/.exec(pgErr.detail ?? '')?.[1];
      const field = column
        ? column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())
        : pgErr.constraint;
      return new DomainError('validation', `Referenced record does not exist (${field ?? 'fk'})`, {
        fields: [{ field: field ?? 'reference', message: 'does not exist' }],
      });
    }
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
      return new DomainError('validation', 'A value is out of range or malformed');
    case '22021':
    case '22P05':
      return new DomainError('validation', 'A value contains a character that cannot be stored (e.g. NUL)');
    default:
      return null;
  }
}

export function toDomainError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  if (err instanceof ZodError) return zodToDomain(err);
  if (err instanceof HTTPException) {
    if (err.status === 413) return new DomainError('payload_too_large', 'Request body is too large');
    if (err.status === 400) return new DomainError('validation', err.message || 'Malformed request');
    if (err.status === 401) return new DomainError('unauthenticated', err.message || 'Not signed in');
    if (err.status === 403) return new DomainError('forbidden', err.message || 'Forbidden');
    if (err.status === 415) {
      return new DomainError('validation', 'Send the body as JSON', {
        fields: [{ field: 'content-type', message: 'must be application/json' }],
      });
    }
  }
  return fromPostgres(err) ?? new DomainError('internal', 'Internal error', { cause: err });
}

export function errorResponse(c: Context<AppEnv>, err: unknown): Response {
  const e = toDomainError(err);
  const status = STATUS[e.code];
  if (status >= 500) c.var.log?.error({ err: (e.cause ?? e) as Error }, 'request failed');
  return c.json(
    {
      code: e.code,
      message: status >= 500 ? 'Internal error' : e.message,
      fields: e.fields.length ? e.fields : undefined,
      ...(e.details ?? {}),
      requestId: c.var.requestId,
    },
    status,
  );
}
