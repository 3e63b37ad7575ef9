import { Stack } from '@mantine/core';
import { OnlineNotice } from '../common/OnlineNotice.tsx';
import { SessionsCard } from './SessionsCard.tsx';
import { TwoFactorCard } from './TwoFactorCard.tsx';

export function SecuritySection() {
  return (
    <Stack gap="lg">
      <OnlineNotice />
      <TwoFactorCard />
      <SessionsCard />
    </Stack>
  );
}
