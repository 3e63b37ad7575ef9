import { useMemo } from 'react';
import { useSession } from '../../common/index.ts';
import { NAV_ITEMS, type NavItem } from './nav-items.ts';

/** The sections this user may open: the same rule as useCan (at the item's scope when it names one). */
export function useNavItems(): NavItem[] {
  const session = useSession();
  return useMemo(() => {
    const perms = session?.user.permissions ?? [];
    return NAV_ITEMS.filter(
      (item) =>
        !item.permission ||
        perms.some(
          (p) =>
            p.resource === item.permission?.resource &&
            p.action === item.permission.action &&
            (!item.permission.scope || p.scope === item.permission.scope),
        ),
    );
  }, [session]);
}
