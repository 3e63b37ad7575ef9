import { ActionIcon, Group, Paper, SegmentedControl, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutate } from '../../common/index.ts';
import { MoveButtons } from '../common/MoveButtons.tsx';
import type { StageRow } from './queries.ts';
import { StageColor } from './StageColor.tsx';

type Outcome = 'open' | 'won' | 'lost';

const outcomeOf = (s: StageRow): Outcome => (s.is_won ? 'won' : s.is_lost ? 'lost' : 'open');

/** One stage, edited in place; each change is its own `stage.update` with the value it was based on. */
export function StageItem(props: {
  stage: StageRow;
  index: number;
  count: number;
  canUpdate: boolean;
  canDelete: boolean;
  moving: boolean;
  onMove: (from: number, to: number) => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation('settings');
  const mutate = useMutate();
  const { stage } = props;
  const [name, setName] = useState(stage.name);
  const [nameError, setNameError] = useState<string | null>(null);

  // Follow the row when it changes underneath (sync, another tab), unless the user is typing.
  useEffect(() => setName(stage.name), [stage.name]);

  const update = (patch: Record<string, unknown>, base: Record<string, unknown>) =>
    mutate('stage.update', { id: stage.id, patch, base });

  async function commitName() {
    const trimmed = name.trim();
    if (trimmed === stage.name) return setNameError(null);
    if (!trimmed) return setNameError(t('stages.nameRequired'));
    setNameError(null);
    const r = await update({ name: trimmed }, { name: stage.name });
    if (!r.ok) setName(stage.name);
  }

  async function commitColor(next: string) {
    if (next === stage.color?.toLowerCase()) return;
    await update({ color: next }, { color: stage.color });
  }

  function setOutcome(value: string) {
    const outcome = value as Outcome;
    void update(
      { isWon: outcome === 'won', isLost: outcome === 'lost' },
      { isWon: stage.is_won, isLost: stage.is_lost },
    );
  }

  const onNameKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void commitName();
    } else if (e.key === 'Escape') {
      setName(stage.name);
      setNameError(null);
    }
  };

  return (
    <Paper withBorder p="xs" role="listitem" aria-label={stage.name}>
      <Group gap="xs" wrap="wrap" align="center">
        <StageColor
          color={stage.color}
          label={t('stages.colorOf', { name: stage.name })}
          disabled={!props.canUpdate}
          onPick={(c) => void commitColor(c)}
        />
        <TextInput
          aria-label={t('stages.nameOf', { name: stage.name })}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          onBlur={() => void commitName()}
          onKeyDown={onNameKey}
          error={nameError}
          maxLength={300}
          readOnly={!props.canUpdate}
          style={{ flex: '1 1 180px' }}
        />
        <SegmentedControl
          aria-label={t('stages.outcomeOf', { name: stage.name })}
          size="xs"
          value={outcomeOf(stage)}
          onChange={setOutcome}
          disabled={!props.canUpdate}
          color={stage.is_won ? 'green' : stage.is_lost ? 'red' : undefined}
          data={[
            { value: 'open', label: t('stages.open') },
            { value: 'won', label: t('stages.won') },
            { value: 'lost', label: t('stages.lost') },
          ]}
        />
        <Group gap={2} wrap="nowrap" ml="auto">
          {props.canUpdate && (
            <MoveButtons
              name={stage.name}
              index={props.index}
              count={props.count}
              disabled={props.moving}
              onMove={props.onMove}
            />
          )}
          {props.canDelete && (
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('stages.deleteOf', { name: stage.name })}
              onClick={props.onDelete}
            >
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
      </Group>
    </Paper>
  );
}
