import type { ApiResponse } from '../../../engine/contract.ts';

/** Why a server call failed, in the terms a form needs. */
export interface ServerFailure {
  /** The request never reached the server (status 0). */
  offline: boolean;
  status: number;
  code: string;
  message: string;
  /** Field → message, as the server's 400/409 bodies name them. */
  fields: Record<string, string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Reads an error answer defensively: the body may be anything a proxy or an old server sends. */
export function serverFailure(res: ApiResponse<unknown>): ServerFailure | null {
  if (res.ok) return null;
  const body = isRecord(res.body) ? res.body : {};
  const fields: Record<string, string> = {};
  if (Array.isArray(body.fields)) {
    for (const f of body.fields) {
      if (
        isRecord(f) &&
        typeof f.field === 'string' &&
        typeof f.message === 'string' &&
        !(f.field in fields)
      ) {
        fields[f.field] = f.message;
      }
    }
  }
  const code = typeof body.code === 'string' ? body.code : res.status === 0 ? 'network' : 'internal';
  return {
    offline: res.status === 0,
    status: res.status,
    code,
    message: typeof body.message === 'string' ? body.message.slice(0, 500) : `HTTP ${res.status}`,
    fields,
  };
}

/** A key for the server's English field messages (`wrong password` → `wrong_password`), for translation. */
export const messageKey = (message: string): string =>
  message
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
