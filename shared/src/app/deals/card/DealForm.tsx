import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CURRENCIES } from '../../../schema/constants.ts';
import { fieldErrors, useMutate } from '../../common/index.ts';
import { CustomFieldsEditor, UserSelect } from '../../records/index.tsx';
import { ClientPicker } from '../pickers/RecordPicker.tsx';
import { type DealDraft, dealPatch, draftOf } from './deal-draft.ts';
import type { DealRecord } from './use-deal.ts';

/**
 * The deal's fields. The form follows the live row until the user edits; then it keeps the edit, and saving
 * sends only the changed fields with the values they were based on.
 */
export function DealForm(props: { deal: DealRecord; readOnly: boolean }) {
  const { t } = useTranslation('deals');
  const mutate = useMutate();
  const { deal } = props;
  const [base, setBase] = useState<DealDraft>(() => draftOf(deal));
  const [draft, setDraft] = useState<DealDraft>(base);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const change = dealPatch(base, draft);
  const dirty = change !== null;
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  // Changes arriving from sync (or the stage select) show at once unless the user is mid-edit.
  useEffect(() => {
    if (dirtyRef.current) return;
    const next = draftOf(deal);
    setBase(next);
    setDraft(next);
  }, [deal]);

  const set = <K extends keyof DealDraft>(key: K, value: DealDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (change === 'invalid-amount') {
      setErrors({ amount: t('fields.amountInvalid') });
      return;
    }
    if (!change) return;
    setBusy(true);
    const result = await mutate('deal.update', { id: deal.id, ...change });
    setBusy(false);
    if (!result.ok) {
      setErrors(fieldErrors(result));
      return;
    }
    setErrors({});
    setBase(draft);
    notifications.show({ color: 'green', message: t('card.saved') });
  }

  const customErrors = Object.fromEntries(
    Object.entries(errors)
      .filter(([k]) => k.startsWith('custom.'))
      .map(([k, v]) => [k.slice('custom.'.length), v]),
  );

  return (
    <form onSubmit={save} noValidate aria-label={t('card.details')}>
      <Stack>
        <TextInput
          label={t('fields.title')}
          required
          value={draft.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={errors.title}
          readOnly={props.readOnly}
          maxLength={300}
        />
        <ClientPicker
          label={t('fields.client')}
          placeholder={t('fields.clientPlaceholder')}
          value={draft.clientId}
          onChange={(id) => set('clientId', id)}
          error={errors.clientId}
          disabled={props.readOnly}
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
            readOnly={props.readOnly}
          />
          <Select
            label={t('fields.currency')}
            data={[...CURRENCIES]}
            value={draft.currency}
            onChange={(v) => set('currency', v ?? 'RUB')}
            allowDeselect={false}
            error={errors.currency}
            readOnly={props.readOnly}
          />
          <UserSelect
            label={t('fields.owner')}
            value={draft.ownerId}
            onChange={(id) => set('ownerId', id)}
            clearable
          />
          <DateInput
            label={t('fields.expectedCloseDate')}
            value={draft.expectedCloseDate}
            onChange={(v) => set('expectedCloseDate', v)}
            valueFormat="DD.MM.YYYY"
            clearable
            error={errors.expectedCloseDate}
            readOnly={props.readOnly}
          />
        </SimpleGrid>
        <CustomFieldsEditor
          entity="deal"
          values={draft.custom}
          onChange={(custom) => set('custom', custom)}
          errors={customErrors}
        />
        {!props.readOnly && (
          <Group justify="flex-end" gap="sm">
            {dirty && (
              <Text size="sm" c="dimmed" aria-live="polite">
                {t('card.unsaved')}
              </Text>
            )}
            <Button
              variant="default"
              disabled={!dirty}
              onClick={() => {
                setDraft(base);
                setErrors({});
              }}
            >
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" disabled={!dirty} loading={busy}>
              {t('common:actions.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
