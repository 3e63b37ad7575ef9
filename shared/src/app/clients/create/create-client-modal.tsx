import {
  Button,
  Divider,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { newId } from '../../../ids.ts';
import { fieldErrors, useMutate, useUser } from '../../common/index.ts';
import { CustomFieldsEditor, UserSelect } from '../../records/index.tsx';
import { paths } from '../../routes.tsx';
import { compactCustom, issueField } from '../form/values.ts';
import { useStatusOptions } from '../status.tsx';

interface Draft {
  name: string;
  kind: 'person' | 'company';
  status: string;
  phone: string;
  email: string;
  inn: string;
  kpp: string;
  ogrn: string;
  legalName: string;
  ownerId: string | null;
  custom: Record<string, unknown>;
}

const blank = (ownerId: string | null): Draft => ({
  name: '',
  kind: 'person',
  status: 'lead',
  phone: '',
  email: '',
  inn: '',
  kpp: '',
  ogrn: '',
  legalName: '',
  ownerId,
  custom: {},
});

const orUndefined = (s: string) => (s.trim() ? s.trim() : undefined);

/** 'Создать клиента': the essentials, then straight to the new client's card (its id is made here, so no wait). */
export function CreateClientModal(props: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('clients');
  const user = useUser();
  const mutate = useMutate();
  const [, navigate] = useLocation();
  const statusOptions = useStatusOptions();
  // Partners register leads for their organisation; staff own what they create.
  const defaultOwner = user.partnerId ? null : user.id;
  const [draft, setDraft] = useState<Draft>(() => blank(defaultOwner));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const company = draft.kind === 'company';

  const close = () => {
    setDraft(blank(defaultOwner));
    setErrors({});
    props.onClose();
  };

  const submit = async () => {
    if (!draft.name.trim()) {
      setErrors({ name: t('create_modal.required') });
      return;
    }
    setBusy(true);
    const id = newId();
    const result = await mutate('client.create', {
      id,
      name: draft.name.trim(),
      kind: draft.kind,
      status: draft.status,
      phones: draft.phone.trim() ? [draft.phone.trim()] : [],
      emails: draft.email.trim() ? [draft.email.trim()] : [],
      ...(user.partnerId && !draft.ownerId ? {} : { ownerId: draft.ownerId }),
      custom: compactCustom(draft.custom),
      ...(company
        ? {
            inn: orUndefined(draft.inn),
            kpp: orUndefined(draft.kpp),
            ogrn: orUndefined(draft.ogrn),
            legalName: orUndefined(draft.legalName),
          }
        : { inn: orUndefined(draft.inn) }),
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(
        Object.fromEntries(
          Object.entries(fieldErrors(result)).map(([field, message]) => [issueField(field), message]),
        ),
      );
      return;
    }
    notifications.show({ color: 'green', message: t('create_modal.created', { name: draft.name.trim() }) });
    close();
    navigate(paths.client(id));
  };

  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title={t('create_modal.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <Stack gap="sm">
          <TextInput
            label={t('create_modal.name')}
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
            required
            maxLength={300}
            data-autofocus
          />
          <Group grow align="flex-start">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="client-kind-label">
                {t('create_modal.kind')}
              </Text>
              <SegmentedControl
                aria-labelledby="client-kind-label"
                value={draft.kind}
                onChange={(v) => set('kind', v === 'company' ? 'company' : 'person')}
                data={[
                  { value: 'person', label: t('kind.person') },
                  { value: 'company', label: t('kind.company') },
                ]}
              />
            </Stack>
            <Select
              label={t('create_modal.status')}
              data={statusOptions}
              value={draft.status}
              onChange={(v) => set('status', v ?? 'lead')}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('create_modal.phone')}
              type="tel"
              value={draft.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
              error={errors.phones}
              maxLength={40}
            />
            <TextInput
              label={t('create_modal.email')}
              type="email"
              value={draft.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={errors.emails}
              maxLength={254}
            />
          </SimpleGrid>
          {company ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('create_modal.legalName')}
                value={draft.legalName}
                onChange={(e) => set('legalName', e.currentTarget.value)}
                error={errors.legalName}
              />
              <TextInput
                label={t('create_modal.inn')}
                value={draft.inn}
                onChange={(e) => set('inn', e.currentTarget.value)}
                error={errors.inn}
                inputMode="numeric"
                maxLength={12}
              />
              <TextInput
                label={t('create_modal.kpp')}
                value={draft.kpp}
                onChange={(e) => set('kpp', e.currentTarget.value)}
                error={errors.kpp}
                inputMode="numeric"
                maxLength={9}
              />
              <TextInput
                label={t('create_modal.ogrn')}
                value={draft.ogrn}
                onChange={(e) => set('ogrn', e.currentTarget.value)}
                error={errors.ogrn}
                inputMode="numeric"
                maxLength={15}
              />
            </SimpleGrid>
          ) : (
            <TextInput
              label={t('create_modal.inn')}
              value={draft.inn}
              onChange={(e) => set('inn', e.currentTarget.value)}
              error={errors.inn}
              inputMode="numeric"
              maxLength={12}
            />
          )}
          <UserSelect
            label={t('create_modal.owner')}
            value={draft.ownerId}
            onChange={(v) => set('ownerId', v)}
            error={errors.ownerId}
          />
          <Divider label={t('create_modal.custom')} labelPosition="left" />
          <CustomFieldsEditor
            entity="client"
            values={draft.custom}
            onChange={(v) => set('custom', v)}
            errors={errors}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('create_modal.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
