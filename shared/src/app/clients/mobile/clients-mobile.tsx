import {
  ActionIcon,
  Alert,
  Box,
  Center,
  Group,
  Indicator,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconAdjustmentsHorizontal, IconPhone, IconPlus } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCan } from '../../common/index.ts';
import { paths } from '../../routes.tsx';
import { SearchBox } from '../list/search-box.tsx';
import type { ClientsListState } from '../list/use-clients-list.ts';
import { StatusBadge } from '../status.tsx';
import { hasConditions } from '../table/query.ts';
import { useClientWindow } from '../table/use-client-window.ts';
import { FiltersDrawer } from './filters-drawer.tsx';

const CARD_HEIGHT = 76;

/**
 * The clients list on a phone: cards (name, status, phone) that load as you scroll (the same SQL windows as the
 * table), search on top, filters, sort and segments in a drawer.
 */
export function ClientsMobile({ list, onCreate }: { list: ClientsListState; onCreate: () => void }) {
  const { t } = useTranslation('clients');
  const canCreate = useCan('clients', 'create');
  const [filtersOpen, setFiltersOpen] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [firstVisible, setFirstVisible] = useState(0);
  const { total, fuzzy, rowAt } = useClientWindow(list.query, list.specs, firstVisible);
  const { onTotal } = list;
  useEffect(() => onTotal(total, fuzzy), [onTotal, total, fuzzy]);
  const count = total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_HEIGHT,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  useEffect(() => setFirstVisible(first), [first]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new query starts at the top
  useEffect(() => virtualizer.scrollToOffset(0), [JSON.stringify(list.query)]);
  const activeFilters = Object.keys(list.query.filters).length;
  const card = (r: ReturnType<typeof rowAt>) => (
    <Paper withBorder radius="md" p="xs" h="100%">
      {r ? (
        <Stack gap={4}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text fw={600} truncate="end">
              {r.name}
            </Text>
            <Box style={{ flexShrink: 0 }}>
              <StatusBadge status={r.status} />
            </Box>
          </Group>
          <Group gap={4} c="dimmed" wrap="nowrap">
            <IconPhone size={14} />
            <Text size="sm" truncate="end">
              {r.phones[0] ?? '—'}
            </Text>
          </Group>
        </Stack>
      ) : (
        <Stack gap={8} pt={4}>
          <Skeleton height={12} width="60%" />
          <Skeleton height={10} width="35%" />
        </Stack>
      )}
    </Paper>
  );

  return (
    <Stack
      gap="xs"
      style={{
        height:
          'calc(100dvh - var(--app-shell-header-height, 0px) - var(--app-shell-footer-height, 0px) - 2 * var(--mantine-spacing-md))',
        minHeight: 360,
      }}
    >
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={0}>
          <Title order={3}>{t('title')}</Title>
          {total !== null && (
            <Text size="xs" c="dimmed" aria-live="polite">
              {t('total', { count: total })}
            </Text>
          )}
        </Stack>
        {canCreate && (
          <ActionIcon size="lg" variant="filled" aria-label={t('create')} onClick={onCreate}>
            <IconPlus size={18} />
          </ActionIcon>
        )}
      </Group>
      <Group gap="xs" wrap="nowrap">
        <SearchBox value={list.query.search} onChange={list.setSearch} />
        <Indicator label={activeFilters} size={16} disabled={!activeFilters}>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('filtersButton')}
            onClick={() => setFiltersOpen(true)}
          >
            <IconAdjustmentsHorizontal size={18} />
          </ActionIcon>
        </Indicator>
      </Group>
      {fuzzy && (
        <Alert color="yellow" py={4}>
          {t('fuzzyNotice')}
        </Alert>
      )}
      <Box
        ref={scrollRef}
        role="list"
        aria-label={t('title')}
        style={{ flex: 1, overflow: 'auto', minHeight: 200 }}
      >
        {total === 0 && (
          <Center h={160}>
            <Text c="dimmed">{hasConditions(list.query, list.specs) ? t('nothing') : t('nothingYet')}</Text>
          </Center>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            return (
              <Box
                key={item.key}
                role="listitem"
                aria-busy={!row || undefined}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: CARD_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                  paddingBottom: 6,
                }}
              >
                {row ? (
                  <Link
                    href={paths.client(row.id)}
                    style={{ display: 'block', height: '100%', textDecoration: 'none', color: 'inherit' }}
                  >
                    {card(row)}
                  </Link>
                ) : (
                  card(undefined)
                )}
              </Box>
            );
          })}
        </div>
      </Box>
      <FiltersDrawer list={list} opened={filtersOpen} onClose={() => setFiltersOpen(false)} />
    </Stack>
  );
}
