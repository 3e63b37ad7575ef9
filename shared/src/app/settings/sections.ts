import {
  IconForms,
  IconLayoutKanban,
  IconShieldLock,
  IconUserCircle,
  IconUserShield,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

export type SectionId = 'profile' | 'security' | 'pipelines' | 'fields' | 'users' | 'roles';

export interface SectionDef {
  id: SectionId;
  /** Relative to /settings. */
  path: string;
  icon: ComponentType<{ size?: number | string }>;
  visible(can: (resource: string, action: string) => boolean): boolean;
}

const WRITES = ['create', 'update', 'delete'];
const writesAny = (can: (r: string, a: string) => boolean, ...resources: string[]) =>
  resources.some((r) => WRITES.some((a) => can(r, a)));

/** The sub-pages of settings, in menu order; a section shows only to roles that can use it. */
export const SECTIONS: readonly SectionDef[] = [
  { id: 'profile', path: '/profile', icon: IconUserCircle, visible: () => true },
  { id: 'security', path: '/security', icon: IconShieldLock, visible: () => true },
  {
    id: 'pipelines',
    path: '/pipelines',
    icon: IconLayoutKanban,
    visible: (can) => writesAny(can, 'pipelines'),
  },
  { id: 'fields', path: '/fields', icon: IconForms, visible: (can) => writesAny(can, 'custom_fields') },
  {
    id: 'users',
    path: '/users',
    icon: IconUsers,
    visible: (can) => can('users', 'create') || can('users', 'update') || writesAny(can, 'teams'),
  },
  { id: 'roles', path: '/roles', icon: IconUserShield, visible: (can) => can('roles', 'read') },
];
