import { Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../ids.ts';
import { fieldErrors, useMutate } from '../../common/index.ts';
import { nextPosition } from '../common/reorder.ts';
import type { PipelineRow } from './queries.ts';

type Editing = { mode: 'create' } | { mode: 'rename'; pipeline: PipelineRow } | null;

/** The usual funnel, so a new pipeline can take deals at once; renamed or removed like any other stage. */
const STARTER_STAGES = [
  { key: 'new', color: '#1c7ed6' },
  { key: 'inWork', color: '#f59f00' },
  { key: 'won', color: '#37b24d', isWon: true },
  { key: 'lost', color: '#e03131', isLost: true },
] as const;

export function PipelineFormModal(props: {
  editing: Editing;
  pipelines: PipelineRow[];
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation('settings');
  const mutate = useMutate();
  const { editing } = props;
  const [name, setName] = useState('');
  const [isDefault, setIsDefault] = useState(false);
  const [starter, setStarter] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!editing) return;
    setName(editing.mode === 'rename' ? editing.pipeline.name : '');
    setIsDefault(editing.mode === 'rename' && editing.pipeline.is_default);
    setStarter(true);
    setError(null);
  }, [editing]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!editing) return;
    const trimmed = name.trim();
    if (!trimmed) return setError(t('pipelines.nameRequired'));
    if (editing.mode === 'rename') {
      const p = editing.pipeline;
      const patch: Record<string, unknown> = {};
      const base: Record<string, unknown> = {};
      if (trimmed !== p.name) [patch.name, base.name] = [trimmed, p.name];
      if (isDefault && !p.is_default) [patch.isDefault, base.isDefault] = [true, false];
      if (Object.keys(patch).length) {
        const r = await mutate('pipeline.update', { id: p.id, patch, base });
        if (!r.ok) return setError(fieldErrors(r).name ?? r.error.message);
      }
      return props.onClose();
    }
    const id = newId();
    const r = await mutate('pipeline.create', {
      id,
      name: trimmed,
      isDefault,
      position: nextPosition(props.pipelines),
    });
    if (!r.ok) return setError(fieldErrors(r).name ?? r.error.message);
    if (starter) {
      for (const [i, s] of STARTER_STAGES.entries()) {
        await mutate('stage.create', {
          id: newId(),
          pipelineId: id,
          name: t(`pipelines.starter.${s.key}`),
          position: i * 10,
          color: s.color,
          isWon: 'isWon' in s,
          isLost: 'isLost' in s,
        });
      }
    }
    props.onCreated(id);
    props.onClose();
  }

  return (
    <Modal
      opened={editing !== null}
      onClose={props.onClose}
      title={editing?.mode === 'rename' ? t('pipelines.renameTitle') : t('pipelines.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('pipelines.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error}
            maxLength={300}
            required
            data-autofocus
          />
          <Checkbox
            label={t('pipelines.defaultLabel')}
            description={t('pipelines.defaultHint')}
            checked={isDefault}
            disabled={editing?.mode === 'rename' && editing.pipeline.is_default}
            onChange={(e) => setIsDefault(e.currentTarget.checked)}
          />
          {editing?.mode === 'create' && (
            <Checkbox
              label={t('pipelines.starterLabel')}
              checked={starter}
              onChange={(e) => setStarter(e.currentTarget.checked)}
            />
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit">
              {editing?.mode === 'rename' ? t('common:actions.save') : t('common:actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
