import { Box, Container, Group, NavLink, ScrollArea, Stack, Tabs, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { usePermissions } from './common/use-server.ts';
import { CustomFieldsSection } from './custom-fields/CustomFieldsSection.tsx';
import { PipelinesSection } from './pipelines/PipelinesSection.tsx';
import { ProfileSection } from './profile/ProfileSection.tsx';
import { RolesSection } from './roles/RolesSection.tsx';
import { SECTIONS, type SectionId } from './sections.ts';
import { SecuritySection } from './security/SecuritySection.tsx';
import { UsersSection } from './users/UsersSection.tsx';

const PAGES: Record<SectionId, () => ReactNode> = {
  profile: () => <ProfileSection />,
  security: () => <SecuritySection />,
  pipelines: () => <PipelinesSection />,
  fields: () => <CustomFieldsSection />,
  users: () => <UsersSection />,
  roles: () => <RolesSection />,
};

/** Settings, mounted at /settings as a nested route: a menu of sections on the left (tabs on phones). */
export function SettingsPage() {
  const { t } = useTranslation('settings');
  const can = usePermissions();
  const phone = useMediaQuery('(max-width: 48em)');
  const [location, navigate] = useLocation();
  const sections = useMemo(() => SECTIONS.filter((s) => s.visible(can)), [can]);
  const current = sections.find((s) => location === s.path || location.startsWith(`${s.path}/`));

  const pages = (
    <Switch>
      {sections.map((s) => (
        <Route key={s.id} path={s.path} nest>
          {PAGES[s.id]}
        </Route>
      ))}
      <Route>
        <Redirect to="/profile" replace />
      </Route>
    </Switch>
  );

  // One tree for both layouts: crossing the phone breakpoint (a rotated tablet, a resized window) must not
  // remount the open section and lose its forms and dialogs.
  return (
    <Container size="xl" py={phone ? 'xs' : 'md'} px={phone ? 0 : undefined}>
      <Title order={2} mb={phone ? 'sm' : 'md'}>
        {t('title')}
      </Title>
      <Group align="flex-start" wrap="nowrap" gap="xl">
        {!phone && (
          <Box component="nav" aria-label={t('nav')} w={250} style={{ flexShrink: 0 }}>
            {sections.map((s) => (
              <NavLink
                key={s.id}
                component={Link}
                href={s.path}
                label={t(`sections.${s.id}`)}
                leftSection={<s.icon size={18} />}
                active={current?.id === s.id}
                aria-current={current?.id === s.id ? 'page' : undefined}
              />
            ))}
          </Box>
        )}
        <Stack gap="sm" flex={1} miw={0}>
          {phone && (
            <Tabs value={current?.id ?? null} onChange={(id) => id && navigate(`/${id}`)}>
              <ScrollArea type="never" scrollbars="x">
                <Tabs.List aria-label={t('nav')} style={{ flexWrap: 'nowrap' }}>
                  {sections.map((s) => (
                    <Tabs.Tab key={s.id} value={s.id} leftSection={<s.icon size={16} />}>
                      {t(`sections.${s.id}`)}
                    </Tabs.Tab>
                  ))}
                </Tabs.List>
              </ScrollArea>
            </Tabs>
          )}
          {pages}
        </Stack>
      </Group>
    </Container>
  );
}
