import { Card, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled card of the cabinet; `id` names it for screen readers (aria-labelledby). */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`partner-${id}`}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={`partner-${id}`}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

export const Empty = ({ children }: { children: ReactNode }) => (
  <Text c="dimmed" size="sm">
    {children}
  </Text>
);
