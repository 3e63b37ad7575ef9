import {
  IconBriefcase,
  IconBuildingStore,
  IconChecklist,
  IconSettings,
  IconUsers,
  IconWallet,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { paths } from '../../routes.tsx';

/** Keys of `paths` that are plain paths (not functions of an id). */
export type SectionRoute = {
  [K in keyof typeof paths]: (typeof paths)[K] extends string ? K : never;
}[keyof typeof paths];

export interface NavItem {
  id: string;
  /** The section's path by its key in `paths` (read when rendering: routes.tsx imports the shell). */
  route: SectionRoute;
  /** i18n key with its namespace, e.g. `shell:nav.clients`. */
  labelKey: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** Shown only to users holding this permission (at `scope` when given, else at any scope); null: everyone. */
  permission: { resource: string; action: string; scope?: string } | null;
  /** `g <key>` jumps here (physical key, so it works in any keyboard layout). */
  shortcut?: string;
}

/**
 * The main sections, in order. Another module adds its own (partner routes) by appending an entry; the navbar,
 * the bottom bar on phones and the `g` shortcuts all read this list.
 */
export const NAV_ITEMS: NavItem[] = [
  {
    id: 'clients',
    route: 'clients',
    labelKey: 'shell:nav.clients',
    icon: IconUsers,
    permission: { resource: 'clients', action: 'read' },
    shortcut: 'c',
  },
  {
    id: 'deals',
    route: 'deals',
    labelKey: 'shell:nav.deals',
    icon: IconBriefcase,
    permission: { resource: 'deals', action: 'read' },
    shortcut: 'd',
  },
  {
    id: 'tasks',
    route: 'tasks',
    labelKey: 'shell:nav.tasks',
    icon: IconChecklist,
    permission: { resource: 'tasks', action: 'read' },
    shortcut: 't',
  },
  {
    id: 'partner-cabinet',
    route: 'partnerCabinet',
    labelKey: 'partners:nav.cabinet',
    icon: IconWallet,
    permission: { resource: 'ledger', action: 'read', scope: 'partner' },
    shortcut: 'p',
  },
  {
    id: 'partner-admin',
    route: 'partnerAdmin',
    labelKey: 'partners:nav.admin',
    icon: IconBuildingStore,
    permission: { resource: 'partners', action: 'read', scope: 'all' },
  },
  {
    id: 'settings',
    route: 'settings',
    labelKey: 'shell:nav.settings',
    icon: IconSettings,
    permission: null,
  },
];

export const navPath = (item: NavItem): string => paths[item.route];

/** Whether `location` is inside the section (the deals table and a deal card belong to deals). */
export function isActive(item: NavItem, location: string): boolean {
  const path = navPath(item);
  return location === path || location.startsWith(`${path}/`);
}
