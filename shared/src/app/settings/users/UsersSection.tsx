import { Stack } from '@mantine/core';
import { OnlineNotice } from '../common/OnlineNotice.tsx';
import { usePermissions } from '../common/use-server.ts';
import { TeamsCard } from './TeamsCard.tsx';
import { UsersCard } from './UsersCard.tsx';

export function UsersSection() {
  const can = usePermissions();
  const manageUsers = can('users', 'create') || can('users', 'update');
  return (
    <Stack gap="lg">
      {manageUsers && <OnlineNotice />}
      {manageUsers && <UsersCard />}
      {can('teams', 'read') && <TeamsCard />}
    </Stack>
  );
}
