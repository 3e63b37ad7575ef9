import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { newId } from '../../../ids.ts';
import { CURRENCIES } from '../../../schema/constants.ts';
import { fieldErrors, useMutate, useUser } from '../../common/index.ts';
import { CustomFieldsEditor, UserSelect } from '../../records/index.tsx';
import { paths } from '../../routes.tsx';
import { DatesLocale } from '../DatesLocale.tsx';
import { stageOptions, usePipelines, useStages } from '../lookups.ts';
import { toMinor } from '../money.ts';
import { ClientPicker } from '../pickers/RecordPicker.tsx';

export interface CreateDealModalProps {
  opened: boolean;
  onClose: () => void;
  /** Prefills: the client card passes its client, a board column its pipeline and stage. */
  clientId?: string | null;
  pipelineId?: string | null;
  stageId?: string | null;
  /** Called with the new deal's id; without it the new deal's card opens. */
  onCreated?: (id: string) => void;
}

interface Draft {
  title: string;
  clientId: string | null;
  stageId: string | null;
  amount: number | string;
  currency: string;
  ownerId: string | null;
  expectedCloseDate: string | null;
  custom: Record<string, unknown>;
}

/** 'Создать сделку': the deal is written to the replica at once (offline too) and synced later. */
export function CreateDealModal(props: CreateDealModalProps) {
  const { t } = useTranslation('deals');
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('createModal.title')} size="lg">
      {props.opened && <CreateDealForm {...props} />}
    </Modal>
  );
}

function CreateDealForm(props: CreateDealModalProps) {
  const { t } = useTranslation('deals');
  const user = useUser();
  const mutate = useMutate();
  const [, navigate] = useLocation();
  const pipelines = usePipelines();
  const stages = useStages();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState<Draft>({
    title: '',
    clientId: props.clientId ?? null,
    stageId: props.stageId ?? null,
    amount: '',
    currency: 'RUB',
    ownerId: user.partnerId ? null : user.id,
    expectedCloseDate: null,
    custom: {},
  });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  // Without a stage given: the first stage of the given pipeline, else of the default one.
  useEffect(() => {
    if (draft.stageId || stages.rows.length === 0) return;
    const pipelineId = props.pipelineId ?? pipelines.rows[0]?.id;
    const first = stages.rows.find((s) => s.pipeline_id === pipelineId) ?? stages.rows[0];
    if (first) setDraft((d) => ({ ...d, stageId: first.id }));
  }, [draft.stageId, stages.rows, pipelines.rows, props.pipelineId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const amount = toMinor(draft.amount);
    if (amount === null) {
      setErrors({ amount: t('fields.amountInvalid') });
      return;
    }
    const stage = draft.stageId ? stages.byId.get(draft.stageId) : undefined;
    const id = newId();
    setBusy(true);
    const result = await mutate('deal.create', {
      id,
      title: draft.title,
      clientId: draft.clientId,
      ...(stage ? { pipelineId: stage.pipeline_id, stageId: stage.id } : {}),
      amount,
      currency: draft.currency,
      ...(user.partnerId ? {} : { ownerId: draft.ownerId }),
      expectedCloseDate: draft.expectedCloseDate || null,
      custom: draft.custom,
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(fieldErrors(result));
      return;
    }
    notifications.show({ color: 'green', message: t('createModal.created', { title: draft.title.trim() }) });
    props.onClose();
    if (props.onCreated) props.onCreated(id);
    else navigate(paths.deal(id));
  }

  const customErrors = Object.fromEntries(
    Object.entries(errors)
      .filter(([k]) => k.startsWith('custom.'))
      .map(([k, v]) => [k.slice('custom.'.length), v]),
  );

  return (
    <DatesLocale>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('fields.title')}
            required
            data-autofocus
            value={draft.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errors.title}
            maxLength={300}
          />
          <ClientPicker
            label={t('fields.client')}
            placeholder={t('fields.clientPlaceholder')}
            value={draft.clientId}
            onChange={(id) => set('clientId', id)}
            error={errors.clientId}
          />
          <Select
            label={t('fields.pipelineStage')}
            data={stageOptions(pipelines.rows, stages.rows)}
            value={draft.stageId}
            onChange={(id) => set('stageId', id)}
            error={errors.stageId ?? errors.pipelineId}
            allowDeselect={false}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <NumberInput
              label={t('fields.amount')}
              value={draft.amount}
              onChange={(v) => set('amount', v)}
              min={0}
              decimalScale={2}
              thousandSeparator=" "
              decimalSeparator=","
              error={errors.amount}
            />
            <Select
              label={t('fields.currency')}
              data={[...CURRENCIES]}
              value={draft.currency}
              onChange={(v) => set('currency', v ?? 'RUB')}
              allowDeselect={false}
              error={errors.currency}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            {!user.partnerId && (
              <UserSelect
                label={t('fields.owner')}
                value={draft.ownerId}
                onChange={(id) => set('ownerId', id)}
                clearable
              />
            )}
            <DateInput
              label={t('fields.expectedCloseDate')}
              value={draft.expectedCloseDate}
              onChange={(v) => set('expectedCloseDate', v)}
              valueFormat="DD.MM.YYYY"
              clearable
              error={errors.expectedCloseDate}
            />
          </SimpleGrid>
          <CustomFieldsEditor
            entity="deal"
            values={draft.custom}
            onChange={(custom) => set('custom', custom)}
            errors={customErrors}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('createModal.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </DatesLocale>
  );
}
