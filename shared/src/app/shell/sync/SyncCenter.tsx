import { Drawer } from '@mantine/core';
import { useDisclosure, useNetwork } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useEngine, useSyncStatus, useUser } from '../../common/index.ts';
import { usePhone } from '../layout/use-phone.ts';
import { SyncIndicator } from './SyncIndicator.tsx';
import { SyncPanel } from './SyncPanel.tsx';
import { syncStateOf } from './sync-state.ts';
import { useNotices } from './use-notices.ts';
import { useSyncToasts } from './use-sync-toasts.ts';

/** The sync badge in the header, the panel it opens, and the toasts for new rejections and notices. */
export function SyncCenter(props: { compact: boolean }) {
  const { t } = useTranslation('shell');
  const engine = useEngine();
  const status = useSyncStatus();
  const user = useUser();
  const network = useNetwork();
  const phone = usePhone();
  const [opened, { open, close }] = useDisclosure(false);
  const notices = useNotices(user.id);
  useSyncToasts(status.rejected, notices.rows, notices.loading);
  const state = syncStateOf(status, network.online);

  return (
    <>
      <SyncIndicator
        state={state}
        status={status}
        attention={status.rejected.length + notices.total}
        compact={props.compact}
        onOpen={open}
      />
      <Drawer
        opened={opened}
        onClose={close}
        title={t('sync.panelTitle')}
        position={phone ? 'bottom' : 'right'}
        size={phone ? '85%' : 'md'}
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        <SyncPanel
          state={state}
          status={status}
          notices={notices.rows}
          noticesTotal={notices.total}
          onRetry={() => void engine.retryNow()}
          onDismissRejection={(id) => void engine.dismissRejection(id)}
          onDismissNotice={notices.dismiss}
          onNavigate={close}
        />
      </Drawer>
    </>
  );
}
