import { Box, Loader, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAddressBook, IconBriefcase, IconChecklist, IconSearch, IconUsers } from '@tabler/icons-react';
import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useLiveQuery, useSession } from '../../common/index.ts';
import { usePhone } from '../layout/use-phone.ts';
import { recordPath } from '../links/record-path.ts';
import {
  buildSearchQuery,
  MIN_QUERY_LENGTH,
  SEARCH_KINDS,
  type SearchHit,
  type SearchKind,
} from './query.ts';

const DEBOUNCE_MS = 120;

const KIND_ENTITY: Record<SearchKind, string> = {
  client: 'clients',
  deal: 'deals',
  contact: 'contacts',
  task: 'tasks',
};

const KIND_ICON = {
  client: IconUsers,
  deal: IconBriefcase,
  contact: IconAddressBook,
  task: IconChecklist,
} as const;

export function hitPath(hit: SearchHit): string | null {
  return recordPath({
    entity: KIND_ENTITY[hit.kind],
    id: hit.id,
    clientId: hit.client_id,
    dealId: hit.deal_id,
  });
}

/** The kinds this user may read; the replica holds nothing else anyway, so this only saves empty scans. */
function useReadableKinds(): SearchKind[] {
  const session = useSession();
  return useMemo(() => {
    const perms = session?.user.permissions ?? [];
    return SEARCH_KINDS.filter((k) =>
      perms.some((p) => p.resource === KIND_ENTITY[k] && p.action === 'read'),
    );
  }, [session]);
}

/** The search box and its live results; mounted only while the dialog is open. */
function SearchBody(props: { onClose: () => void; phone: boolean }) {
  const { t } = useTranslation('shell');
  const [, navigate] = useLocation();
  const baseId = useId();
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, DEBOUNCE_MS);
  const kinds = useReadableKinds();
  const query = useMemo(() => buildSearchQuery(debounced, { kinds }), [debounced, kinds]);
  const { rows, loading, error } = useLiveQuery<SearchHit>(query?.sql ?? null, query?.params ?? []);
  // The highlighted row, reset to the first whenever the rows change.
  const [highlight, setHighlight] = useState<{ rows: SearchHit[]; index: number }>({ rows, index: 0 });
  const active = highlight.rows === rows ? highlight.index : 0;
  const setActive = (next: (i: number) => number) => setHighlight({ rows, index: next(active) });
  const settled = debounced === text && !loading;
  const groups = useMemo(
    () =>
      kinds.map((kind) => ({ kind, hits: rows.filter((h) => h.kind === kind) })).filter((g) => g.hits.length),
    [rows, kinds],
  );
  const flat = useMemo(() => groups.flatMap((g) => g.hits), [groups]);
  const optionId = (i: number) => `${baseId}-option-${i}`;
  const listId = `${baseId}-list`;

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  const open = (hit: SearchHit | undefined) => {
    const path = hit && hitPath(hit);
    if (!path) return;
    props.onClose();
    navigate(path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!flat.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + flat.length) % flat.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(flat[active]);
    }
  };

  const tooShort = text.trim().length < MIN_QUERY_LENGTH;
  let status: string | null = null;
  if (tooShort) status = t('search.hint');
  else if (error) status = t('search.error', { message: error });
  else if (!settled && !rows.length) status = t('search.searching');
  else if (settled && query && !rows.length) status = t('search.nothing');

  let index = 0;
  return (
    <Stack gap={0}>
      <TextInput
        data-autofocus
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        role="combobox"
        aria-expanded={flat.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={flat.length ? optionId(active) : undefined}
        leftSection={<IconSearch size={20} stroke={1.6} />}
        rightSection={!settled && !tooShort ? <Loader size="xs" /> : null}
        size="lg"
        variant="unstyled"
        px="sm"
        maxLength={200}
        autoComplete="off"
        spellCheck={false}
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      />
      <Box
        id={listId}
        role="listbox"
        aria-label={t('search.label')}
        p={6}
        mah={props.phone ? 'calc(100dvh - 130px)' : 'min(60vh, 480px)'}
        style={{ overflowY: 'auto', overscrollBehavior: 'contain' }}
      >
        {groups.map((group) => {
          const Icon = KIND_ICON[group.kind];
          const headingId = `${baseId}-group-${group.kind}`;
          return (
            // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox, not a form fieldset
            <div key={group.kind} role="group" aria-labelledby={headingId}>
              <Text id={headingId} size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="xs" pb={4}>
                {t(`search.groups.${group.kind}`)}
              </Text>
              {group.hits.map((hit) => {
                const i = index++;
                const selected = i === active;
                return (
                  <UnstyledButton
                    key={`${hit.kind}:${hit.id}`}
                    id={optionId(i)}
                    role="option"
                    aria-selected={selected}
                    tabIndex={-1}
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseMove={() => i !== active && setActive(() => i)}
                    onClick={() => open(hit)}
                    w="100%"
                    px="sm"
                    py={8}
                    display="flex"
                    style={{
                      alignItems: 'center',
                      gap: 'var(--mantine-spacing-sm)',
                      borderRadius: 'var(--mantine-radius-sm)',
                      background: selected ? 'var(--mantine-primary-color-light)' : undefined,
                    }}
                  >
                    <Icon size={20} stroke={1.5} style={{ flexShrink: 0, opacity: 0.75 }} />
                    <Box style={{ minWidth: 0 }}>
                      <Text size="sm" truncate>
                        {hit.title}
                      </Text>
                      {hit.subtitle && (
                        <Text size="xs" c="dimmed" truncate>
                          {hit.subtitle}
                        </Text>
                      )}
                    </Box>
                  </UnstyledButton>
                );
              })}
            </div>
          );
        })}
        {status && (
          <Text size="sm" c="dimmed" ta="center" py="lg" role="status">
            {status}
          </Text>
        )}
      </Box>
    </Stack>
  );
}

/** Ctrl/Cmd+K: search the local replica (works offline) and open what was found. */
export function SearchDialog(props: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('shell');
  const phone = usePhone();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('search.label')}
      withCloseButton={phone}
      fullScreen={phone}
      size="lg"
      yOffset="10vh"
      padding={0}
      styles={{
        title: phone ? undefined : { display: 'none' },
        // padding={0} lets the results run edge to edge; the full-screen title still needs its margin.
        header: phone ? { paddingInline: 'var(--mantine-spacing-md)' } : { display: 'none' },
      }}
      transitionProps={{ duration: 120 }}
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
    >
      {props.opened && <SearchBody onClose={props.onClose} phone={phone} />}
    </Modal>
  );
}
