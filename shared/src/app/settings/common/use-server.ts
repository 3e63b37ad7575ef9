import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiRequest } from '../../../engine/contract.ts';
import { useEngine, useSession, useSyncStatus } from '../../common/index.ts';
import { messageKey, type ServerFailure, serverFailure } from './server-error.ts';

export type ServerResult<T> = { ok: true; body: T } | { ok: false; failure: ServerFailure };

/** Server-only calls (sessions, 2FA, users, roles): the answer, or why it failed, never a thrown error. */
export function useServer() {
  const engine = useEngine();
  return useCallback(
    async <T>(req: ApiRequest): Promise<ServerResult<T>> => {
      try {
        const res = await engine.api<T>(req);
        const failure = serverFailure(res);
        return failure ? { ok: false, failure } : { ok: true, body: res.body };
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return { ok: false, failure: { offline: false, status: 0, code: 'internal', message, fields: {} } };
      }
    },
    [engine],
  );
}

/** Whether the last request to the server failed: server-only screens say so instead of trying. */
export function useOffline(): boolean {
  return useSyncStatus().online === false;
}

/** Whether the signed-in role holds `resource:action` (any scope); for checks on several permissions at once. */
export function usePermissions(): (resource: string, action: string) => boolean {
  const session = useSession();
  return useCallback(
    (resource: string, action: string) =>
      !!session?.user.permissions.some((p) => p.resource === resource && p.action === action),
    [session],
  );
}

/** Translates a failure: the sentence for its code, the server's own message where nothing better is known. */
export function useFailureText() {
  const { t } = useTranslation('settings');
  const describe = useCallback(
    (failure: ServerFailure): string => {
      if (failure.offline) return t('common:onlineOnly');
      return t(`errors.${failure.code}`, { defaultValue: failure.message });
    },
    [t],
  );
  const fieldErrors = useCallback(
    (failure: ServerFailure): Record<string, string> =>
      Object.fromEntries(
        Object.entries(failure.fields).map(([field, message]) => [
          field,
          t(`serverMessages.${messageKey(message)}`, { defaultValue: message }),
        ]),
      ),
    [t],
  );
  const notify = useCallback(
    (failure: ServerFailure) =>
      notifications.show({ color: failure.offline ? 'yellow' : 'red', message: describe(failure) }),
    [describe],
  );
  return { describe, fieldErrors, notify };
}
