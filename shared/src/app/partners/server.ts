import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiRequest } from '../../engine/contract.ts';
import { useEngine, useSyncStatus } from '../common/index.ts';
import { rub } from './money.ts';

interface ErrorBody {
  code?: string;
  message?: string;
  reason?: string;
  minimum?: number;
  fields?: unknown;
}

export type ServerResult<T> =
  | { ok: true; body: T }
  | {
      ok: false;
      status: number;
      message: string;
      /** The business rule that refused it (409 `reason`: insufficient_funds, email_taken, …). */
      reason: string | null;
      /** The fields a 400 named (request field → the server's message), for a form to mark its inputs. */
      fields: Record<string, string>;
    };

/** The fields of a validation refusal, read defensively (a proxy may answer anything). */
export function refusedFields(body: ErrorBody | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(body?.fields)) return out;
  for (const f of body.fields as unknown[]) {
    const { field, message } = (f ?? {}) as { field?: unknown; message?: unknown };
    if (typeof field === 'string' && typeof message === 'string' && !(field in out)) out[field] = message;
  }
  return out;
}

/** The user's words for a refusal: the server's `reason` in the current language, else a generic line. */
export function refusalText(t: TFunction, status: number, body: ErrorBody | null): string {
  if (status === 0) return t('partners:reasons.offline');
  const reason = body?.reason;
  if (reason && t(`partners:reasons.${reason}`, { defaultValue: '' }))
    return t(`partners:reasons.${reason}`, { minimum: rub(body?.minimum ?? null) });
  if (status === 400) return t('partners:reasons.invalid', { message: body?.message ?? '' });
  if (status === 429) return t('partners:reasons.rateLimited');
  if (status === 403) return t('partners:reasons.forbidden');
  if (status === 404) return t('partners:reasons.notFound');
  return t('partners:reasons.unknown', { message: body?.message ?? String(status) });
}

/** Calls the server through the engine; a refusal comes back as text ready to show (and is toasted if `toast`). */
export function useServer() {
  const engine = useEngine();
  const { t } = useTranslation('partners');
  return useCallback(
    async <T>(req: ApiRequest, toast = true): Promise<ServerResult<T>> => {
      let res: { status: number; ok: boolean; body: unknown };
      try {
        res = await engine.api(req);
      } catch {
        res = { status: 0, ok: false, body: null };
      }
      if (res.ok) return { ok: true, body: res.body as T };
      const body = res.body as ErrorBody | null;
      const message = refusalText(t, res.status, body);
      if (toast) notifications.show({ color: 'red', message });
      const reason = typeof body?.reason === 'string' ? body.reason : null;
      return { ok: false, status: res.status, message, reason, fields: refusedFields(body) };
    },
    [engine, t],
  );
}

/** Whether server calls can be tried now (the engine's last request reached the server, or nothing was tried). */
export function useOnline(): boolean {
  const status = useSyncStatus();
  return status?.online !== false;
}
