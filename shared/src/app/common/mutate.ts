import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { MutateResult } from '../../engine/contract.ts';
import { useEngine } from './engine-context.tsx';

/**
 * Runs a mutation on the replica (it shows at once, online or not) and reports a local validation failure as a
 * notification. Returns the result so a form can mark the fields named in `error.fields`.
 */
export function useMutate() {
  const engine = useEngine();
  const { t } = useTranslation();
  return useCallback(
    async (name: string, args: unknown): Promise<MutateResult> => {
      let result: MutateResult;
      try {
        result = await engine.mutate(name, args);
      } catch (err) {
        result = {
          ok: false,
          error: { code: 'internal', message: err instanceof Error ? err.message : String(err), fields: [] },
        };
      }
      if (!result.ok) {
        notifications.show({
          color: 'red',
          title: t('common:mutation.failed'),
          message: result.error.fields.length
            ? result.error.fields.map((f) => `${f.field}: ${f.message}`).join('; ')
            : result.error.message,
        });
      }
      return result;
    },
    [engine, t],
  );
}

/** Maps a failed mutation's field issues to Mantine form errors (`{ name: 'required' }`). */
export function fieldErrors(result: MutateResult): Record<string, string> {
  if (result.ok) return {};
  return Object.fromEntries(result.error.fields.map((f) => [f.field, f.message]));
}
