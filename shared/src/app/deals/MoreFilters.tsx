import { Badge, Button, Collapse, Group } from '@mantine/core';
import { IconAdjustmentsHorizontal } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Secondary filters: inline on wide screens; on a phone behind a "Filters" button (with the number of filters
 * in use), so the list starts near the top of the screen.
 */
export function MoreFilters(props: { phone: boolean; active: number; children: ReactNode }) {
  const { t } = useTranslation('deals');
  const [open, setOpen] = useState(false);
  if (!props.phone) return <>{props.children}</>;
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconAdjustmentsHorizontal size={16} />}
        rightSection={props.active ? <Badge size="sm">{props.active}</Badge> : null}
        onClick={() => setOpen((v) => !v)}
        aria-expanded={open}
        fullWidth
        justify="flex-start"
      >
        {t('filters.more')}
      </Button>
      <Collapse expanded={open} w="100%">
        <Group gap="sm" align="flex-end" wrap="wrap">
          {props.children}
        </Group>
      </Collapse>
    </>
  );
}
