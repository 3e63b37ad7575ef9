import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { isActive, type NavItem, navPath } from './nav-items.ts';

/** The section list on wide screens. */
export function NavBar(props: { items: NavItem[] }) {
  const { t } = useTranslation();
  const [location] = useLocation();
  return (
    <Stack component="nav" aria-label={t('shell:nav.label')} gap={4}>
      {props.items.map((item) => {
        const active = isActive(item, location);
        const Icon = item.icon;
        return (
          <NavLink
            key={item.id}
            component={Link}
            href={navPath(item)}
            label={t(item.labelKey)}
            leftSection={<Icon size={20} stroke={1.6} />}
            active={active}
            aria-current={active ? 'page' : undefined}
            variant="light"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        );
      })}
    </Stack>
  );
}
