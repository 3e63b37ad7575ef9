import { Alert, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LiveResult } from '../common/index.ts';

/**
 * What a live list shows before or instead of its rows: a loader until the replica answered (not "nothing here",
 * which a freshly opened tab would otherwise flash), the query's error, or the empty line.
 */
export function ListState({ result, empty }: { result: LiveResult<unknown>; empty: string }) {
  const { t } = useTranslation('partners');
  if (result.loading) return <Loader size="sm" aria-label={t('common:loading')} />;
  if (result.error)
    return (
      <Alert color="red" role="alert">
        {t('admin.loadFailed', { message: result.error })}
      </Alert>
    );
  return result.rows.length === 0 ? <Text c="dimmed">{empty}</Text> : null;
}
