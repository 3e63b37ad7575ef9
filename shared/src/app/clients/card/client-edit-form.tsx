import {
  Button,
  Divider,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, useMutate } from '../../common/index.ts';
import { CustomFieldsEditor, UserSelect } from '../../records/index.tsx';
import { diffPatch, issueField } from '../form/values.ts';
import { useStatusOptions } from '../status.tsx';
import { type ClientDraft, type ClientRecord, draftOf, valuesOf } from './client-record.ts';

/**
 * Editing a client: only the fields that changed are sent (with the values they replaced), so another user's
 * offline edit of a different field survives. Enter in a text field saves, Esc cancels.
 */
export function ClientEditForm({ client, onDone }: { client: ClientRecord; onDone: () => void }) {
  const { t } = useTranslation('clients');
  const mutate = useMutate();
  const statusOptions = useStatusOptions();
  const [draft, setDraft] = useState<ClientDraft>(() => draftOf(client));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ClientDraft>(key: K, value: ClientDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const company = draft.kind === 'company';

  const save = async () => {
    if (!draft.name.trim()) {
      setErrors({ name: t('errors.required') });
      return;
    }
    const { patch, base } = diffPatch(valuesOf(draftOf(client)), valuesOf(draft));
    if (!Object.keys(patch).length) {
      onDone();
      return;
    }
    setBusy(true);
    const result = await mutate('client.update', { id: client.id, patch, base });
    setBusy(false);
    if (!result.ok) {
      setErrors(Object.fromEntries(Object.entries(fieldErrors(result)).map(([f, m]) => [issueField(f), m])));
      return;
    }
    notifications.show({ color: 'green', message: t('card.saved') });
    onDone();
  };

  const text = (
    key: 'source' | 'inn' | 'kpp' | 'ogrn' | 'legalName' | 'address' | 'website',
    max: number,
  ) => (
    <TextInput
      label={t(`card.fields.${key}`)}
      value={draft[key]}
      onChange={(e) => set(key, e.currentTarget.value)}
      error={errors[key]}
      maxLength={max}
    />
  );

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        // Esc closing an open dropdown must not also drop the edit.
        if (e.key === 'Escape' && (e.target as HTMLElement).getAttribute('aria-expanded') !== 'true')
          onDone();
      }}
      noValidate
    >
      <Stack gap="sm">
        <TextInput
          label={t('card.fields.name')}
          value={draft.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errors.name}
          required
          maxLength={300}
          data-autofocus
        />
        <Group grow align="flex-end">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="client-edit-kind">
              {t('card.fields.kind')}
            </Text>
            <SegmentedControl
              aria-labelledby="client-edit-kind"
              value={draft.kind}
              onChange={(v) => set('kind', v)}
              data={[
                { value: 'person', label: t('kind.person') },
                { value: 'company', label: t('kind.company') },
              ]}
            />
          </Stack>
          <Select
            label={t('card.fields.status')}
            data={statusOptions}
            value={draft.status}
            onChange={(v) => v && set('status', v)}
            allowDeselect={false}
            error={errors.status}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        <UserSelect value={draft.ownerId} onChange={(v) => set('ownerId', v)} error={errors.ownerId} />
        <TagsInput
          label={t('card.fields.phones')}
          description={t('card.fields.phonesHint')}
          value={draft.phones}
          onChange={(v) => set('phones', v)}
          error={errors.phones}
          maxTags={20}
          acceptValueOnBlur
          splitChars={[',', ';']}
        />
        <TagsInput
          label={t('card.fields.emails')}
          description={t('card.fields.emailsHint')}
          value={draft.emails}
          onChange={(v) => set('emails', v)}
          error={errors.emails}
          maxTags={20}
          acceptValueOnBlur
          splitChars={[',', ';', ' ']}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text('source', 300)}
          {text('website', 300)}
        </SimpleGrid>
        <TagsInput
          label={t('card.fields.tags')}
          description={t('card.fields.tagsHint')}
          value={draft.tags}
          onChange={(v) => set('tags', v)}
          error={errors.tags}
          maxTags={50}
          acceptValueOnBlur
        />
        {company && <Divider label={t('card.fields.company')} labelPosition="left" />}
        {company && text('legalName', 300)}
        <SimpleGrid cols={{ base: 1, sm: company ? 3 : 1 }}>
          {text('inn', 12)}
          {company && text('kpp', 9)}
          {company && text('ogrn', 15)}
        </SimpleGrid>
        {text('address', 1000)}
        <Textarea
          label={t('card.fields.description')}
          value={draft.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errors.description}
          autosize
          minRows={2}
          maxRows={8}
        />
        <Divider label={t('card.fields.custom')} labelPosition="left" />
        <CustomFieldsEditor
          entity="client"
          values={draft.custom}
          onChange={(v) => set('custom', v)}
          errors={errors}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('card.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('card.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
