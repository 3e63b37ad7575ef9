import { Group, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { isActive, type NavItem, navPath } from './nav-items.ts';

/** The section bar at the bottom of a phone screen. */
export function BottomNav(props: { items: NavItem[] }) {
  const { t } = useTranslation();
  const [location] = useLocation();
  return (
    <Group component="nav" aria-label={t('shell:nav.label')} grow gap={0} h="100%" wrap="nowrap">
      {props.items.map((item) => {
        const active = isActive(item, location);
        const Icon = item.icon;
        return (
          <UnstyledButton
            key={item.id}
            component={Link}
            href={navPath(item)}
            aria-current={active ? 'page' : undefined}
            h="100%"
            py={6}
            c={active ? 'var(--mantine-primary-color-filled)' : 'dimmed'}
            style={{
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              justifyContent: 'center',
              gap: 2,
              minWidth: 0,
            }}
          >
            <Icon size={24} stroke={active ? 2 : 1.6} />
            <Text size="xs" fw={active ? 600 : 400} truncate maw="100%">
              {t(item.labelKey)}
            </Text>
          </UnstyledButton>
        );
      })}
    </Group>
  );
}
