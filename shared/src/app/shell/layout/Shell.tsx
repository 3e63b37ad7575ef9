import { AppShell, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { ShortcutsModal } from '../keyboard/ShortcutsModal.tsx';
import { useShellShortcuts } from '../keyboard/use-shell-shortcuts.ts';
import { LanguageMenu, ThemeMenu } from '../prefs/PrefsMenus.tsx';
import { SearchDialog } from '../search/SearchDialog.tsx';
import { SyncCenter } from '../sync/SyncCenter.tsx';
import { BottomNav } from './BottomNav.tsx';
import { NavBar } from './NavBar.tsx';
import { navPath } from './nav-items.ts';
import { SearchTrigger } from './SearchTrigger.tsx';
import { UserMenu } from './UserMenu.tsx';
import { useNavItems } from './use-nav-items.ts';
import { usePhone } from './use-phone.ts';

/** The frame around every signed-in screen: sections, sync state, search, language, theme, the user. */
export function Shell(props: { children: ReactNode }) {
  const { t } = useTranslation('shell');
  const phone = usePhone();
  const items = useNavItems();
  const [, navigate] = useLocation();
  const [helpOpened, help] = useDisclosure(false);
  const [searchOpened, search] = useDisclosure(false);

  useShellShortcuts({
    openSearch: search.open,
    openHelp: help.open,
    goTo: Object.fromEntries(
      items.filter((i) => i.shortcut).map((i) => [i.shortcut as string, () => navigate(navPath(i))]),
    ),
  });

  return (
    <AppShell
      header={{ height: phone ? 52 : 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: true } }}
      footer={phone ? { height: 'calc(60px + env(safe-area-inset-bottom))' } : undefined}
      padding={phone ? 'sm' : 'md'}
    >
      <AppShell.Header px={phone ? 'xs' : 'md'}>
        <Group h="100%" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
            <Text fw={700} size={phone ? 'md' : 'lg'} c="var(--mantine-primary-color-filled)" truncate>
              {t('appName')}
            </Text>
            {!phone && <SearchTrigger compact={false} onOpen={search.open} />}
          </Group>
          <Group gap={phone ? 4 : 'xs'} wrap="nowrap">
            <SyncCenter compact={phone} />
            {phone && <SearchTrigger compact onOpen={search.open} />}
            {!phone && <LanguageMenu />}
            {!phone && <ThemeMenu />}
            <UserMenu compact={phone} onShowShortcuts={help.open} />
          </Group>
        </Group>
      </AppShell.Header>

      {!phone && (
        <AppShell.Navbar p="sm">
          <NavBar items={items} />
        </AppShell.Navbar>
      )}

      <AppShell.Main>{props.children}</AppShell.Main>

      {phone && (
        <AppShell.Footer pb="env(safe-area-inset-bottom)">
          <BottomNav items={items} />
        </AppShell.Footer>
      )}

      <SearchDialog opened={searchOpened} onClose={search.close} />
      <ShortcutsModal opened={helpOpened} onClose={help.close} items={items} />
    </AppShell>
  );
}
