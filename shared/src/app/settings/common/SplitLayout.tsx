import { Grid } from '@mantine/core';
import type { ReactNode } from 'react';

// Container widths, not the viewport: the app's own menu and the settings menu already take ~500 px.
const BREAKPOINTS = { xs: '30rem', sm: '40rem', md: '48rem', lg: '60rem', xl: '75rem' };

/** A list beside its editor when the content area is wide enough, one above the other otherwise. */
export function SplitLayout(props: { list: ReactNode; editor: ReactNode }) {
  return (
    <Grid type="container" breakpoints={BREAKPOINTS} gap="lg">
      <Grid.Col span={{ base: 12, lg: 4 }}>{props.list}</Grid.Col>
      <Grid.Col span={{ base: 12, lg: 8 }}>{props.editor}</Grid.Col>
    </Grid>
  );
}
