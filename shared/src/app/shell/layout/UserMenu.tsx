import { Avatar, Menu, Text, UnstyledButton } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconKeyboard, IconLogout, IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useEngine, useLiveQuery, useSyncStatus, useUser } from '../../common/index.ts';
import { paths } from '../../routes.tsx';
import { ru } from '../i18n.ts';
import { LanguageItems, ThemeItems } from '../prefs/PrefsMenus.tsx';

const BUILTIN_ROLES = Object.keys(ru.user.roles);

/** A built-in role in the user's language; a custom role by its name from the replica, else its key. */
function useRoleName(role: string): string {
  const { t } = useTranslation('shell');
  const builtin = BUILTIN_ROLES.includes(role);
  const { rows } = useLiveQuery<{ name: string }>(
    builtin ? null : 'SELECT name FROM roles WHERE key = $1 AND deleted_at IS NULL',
    [role],
  );
  return builtin ? t(`user.roles.${role}`) : (rows[0]?.name ?? role);
}

/** Name, role, settings, shortcuts, sign-out; on phones also the language and theme. */
export function UserMenu(props: { compact: boolean; onShowShortcuts: () => void }) {
  const { t } = useTranslation('shell');
  const user = useUser();
  const engine = useEngine();
  const status = useSyncStatus();
  const [, navigate] = useLocation();
  const roleName = useRoleName(user.role);

  const logout = () => {
    if (status.pending === 0) {
      void engine.logout();
      return;
    }
    modals.openConfirmModal({
      title: t('user.logoutTitle'),
      children: (
        <>
          <Text size="sm" fw={500}>
            {t('user.logoutPending', { count: status.pending })}
          </Text>
          <Text size="sm" mt="xs">
            {t('user.logoutPendingHint')}
          </Text>
        </>
      ),
      labels: { confirm: t('user.logoutConfirm'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => void engine.logout(),
    });
  };

  return (
    <Menu position="bottom-end" width={260} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`${t('user.menu')}: ${user.name}`} style={{ borderRadius: '50%' }}>
          <Avatar color="initials" name={user.name} radius="xl" size={props.compact ? 34 : 36} />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <div style={{ padding: 'var(--mantine-spacing-xs) var(--mantine-spacing-sm)' }}>
          <Text fw={600} size="sm" truncate>
            {user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {user.email}
          </Text>
          <Text size="xs" c="dimmed">
            {roleName}
          </Text>
        </div>
        <Menu.Divider />
        <Menu.Item leftSection={<IconSettings size={16} />} onClick={() => navigate(paths.settings)}>
          {t('user.settings')}
        </Menu.Item>
        {!props.compact && (
          <Menu.Item leftSection={<IconKeyboard size={16} />} onClick={props.onShowShortcuts}>
            {t('user.shortcuts')}
          </Menu.Item>
        )}
        {props.compact && (
          <>
            <Menu.Divider />
            <LanguageItems />
            <ThemeItems />
          </>
        )}
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={logout}>
          {t('user.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
