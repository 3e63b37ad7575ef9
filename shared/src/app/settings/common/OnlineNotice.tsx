import { Alert } from '@mantine/core';
import { IconCloudOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOffline } from './use-server.ts';

/** Shown above server-only settings while the server is unreachable; they come back by themselves. */
export function OnlineNotice(props: { what?: string }) {
  const { t } = useTranslation('settings');
  if (!useOffline()) return null;
  return (
    <Alert color="yellow" variant="light" icon={<IconCloudOff size={18} />} title={t('offline.title')}>
      {props.what ?? t('offline.text')}
    </Alert>
  );
}
