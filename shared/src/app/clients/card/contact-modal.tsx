import { Button, Divider, Group, Modal, Stack, TagsInput, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../ids.ts';
import { fieldErrors, useMutate } from '../../common/index.ts';
import { CustomFieldsEditor } from '../../records/index.tsx';
import { compactCustom, diffPatch, issueField } from '../form/values.ts';

export interface ContactRow {
  id: string;
  name: string;
  position: string | null;
  phones: string[];
  emails: string[];
  custom: Record<string, unknown>;
}

interface Draft {
  name: string;
  position: string;
  phones: string[];
  emails: string[];
  custom: Record<string, unknown>;
}

const draftOf = (c: ContactRow | null): Draft => ({
  name: c?.name ?? '',
  position: c?.position ?? '',
  phones: c?.phones ?? [],
  emails: c?.emails ?? [],
  custom: c?.custom ?? {},
});

const valuesOf = (d: Draft) => ({
  name: d.name.trim(),
  position: d.position.trim() ? d.position.trim() : null,
  phones: d.phones.map((p) => p.trim()).filter(Boolean),
  emails: d.emails.map((p) => p.trim()).filter(Boolean),
  custom: d.custom,
});

/** Add (contact = null) or edit a contact person of the client. */
export function ContactModal(props: {
  clientId: string;
  contact: ContactRow | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('clients');
  const mutate = useMutate();
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.contact));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (props.opened) {
      setDraft(draftOf(props.contact));
      setErrors({});
    }
  }, [props.opened, props.contact]);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = async () => {
    if (!draft.name.trim()) {
      setErrors({ name: t('errors.required') });
      return;
    }
    setBusy(true);
    const values = valuesOf(draft);
    const result = props.contact
      ? await mutate('contact.update', {
          id: props.contact.id,
          ...diffPatch(valuesOf(draftOf(props.contact)), values),
        })
      : await mutate('contact.create', {
          id: newId(),
          clientId: props.clientId,
          ...values,
          custom: compactCustom(values.custom),
        });
    setBusy(false);
    if (!result.ok) {
      setErrors(Object.fromEntries(Object.entries(fieldErrors(result)).map(([f, m]) => [issueField(f), m])));
      return;
    }
    props.onClose();
  };

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.contact ? t('contacts.editTitle') : t('contacts.newTitle')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <Stack gap="sm">
          <TextInput
            label={t('contacts.name')}
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
            required
            maxLength={300}
            data-autofocus
          />
          <TextInput
            label={t('contacts.position')}
            value={draft.position}
            onChange={(e) => set('position', e.currentTarget.value)}
            error={errors.position}
            maxLength={300}
          />
          <TagsInput
            label={t('contacts.phones')}
            description={t('card.fields.phonesHint')}
            value={draft.phones}
            onChange={(v) => set('phones', v)}
            error={errors.phones}
            maxTags={20}
            acceptValueOnBlur
            splitChars={[',', ';']}
          />
          <TagsInput
            label={t('contacts.emails')}
            description={t('card.fields.emailsHint')}
            value={draft.emails}
            onChange={(v) => set('emails', v)}
            error={errors.emails}
            maxTags={20}
            acceptValueOnBlur
            splitChars={[',', ';', ' ']}
          />
          <Divider />
          <CustomFieldsEditor
            entity="contact"
            values={draft.custom}
            onChange={(v) => set('custom', v)}
            errors={errors}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('card.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('card.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
