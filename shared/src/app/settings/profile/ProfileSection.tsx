import { Stack } from '@mantine/core';
import { AppearanceCard } from './AppearanceCard.tsx';
import { PasswordCard } from './PasswordCard.tsx';
import { ProfileCard } from './ProfileCard.tsx';

export function ProfileSection() {
  return (
    <Stack gap="lg">
      <ProfileCard />
      <AppearanceCard />
      <PasswordCard />
    </Stack>
  );
}
