import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../ids.ts';
import { useFailureText, useOffline, useServer } from '../common/use-server.ts';
import { suggestKey } from '../custom-fields/field-form.ts';
import { grantsFromMatrix, matrixFromGrants } from './grants.ts';
import type { RoleInfo } from './use-roles.ts';

const ROLE_KEY = /^[a-z][a-z0-9_-]{1,39}$/;

/** `POST /api/roles`: a key, a name, and the grants of an existing role to start from (or none). */
export function CreateRoleModal(props: {
  opened: boolean;
  roles: RoleInfo[];
  onClose: () => void;
  onCreated: (id: string) => Promise<void>;
}) {
  const { t } = useTranslation('settings');
  const server = useServer();
  const offline = useOffline();
  const { describe, fieldErrors } = useFailureText();
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [keyTouched, setKeyTouched] = useState(false);
  const [from, setFrom] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!props.opened) return;
    setName('');
    setKey('');
    setKeyTouched(false);
    setFrom(null);
    setErrors({});
  }, [props.opened]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('roles.nameRequired');
    if (!ROLE_KEY.test(key)) found.key = t('roles.keyRule');
    setErrors(found);
    if (Object.keys(found).length) return;
    const source = props.roles.find((r) => r.id === from);
    const id = newId();
    setSaving(true);
    const res = await server({
      method: 'POST',
      path: '/api/roles',
      body: {
        id,
        key,
        name: name.trim(),
        // Through the matrix, so only grants the catalogue knows are copied.
        permissions: source ? grantsFromMatrix(matrixFromGrants(source.permissions)) : [],
      },
    });
    setSaving(false);
    if (!res.ok) {
      const fields = fieldErrors(res.failure);
      return setErrors(Object.keys(fields).length ? fields : { form: describe(res.failure) });
    }
    notifications.show({ color: 'green', message: t('roles.created', { name: name.trim() }) });
    props.onClose();
    await props.onCreated(id);
  }

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('roles.createTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('roles.name')}
            value={name}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setName(v);
              if (!keyTouched) setKey(suggestKey(v).replace(/^f_/, 'r_'));
            }}
            error={errors.name}
            maxLength={300}
            required
            data-autofocus
          />
          <TextInput
            label={t('roles.key')}
            description={t('roles.keyHint')}
            value={key}
            onChange={(e) => {
              setKeyTouched(true);
              setKey(e.currentTarget.value);
            }}
            error={errors.key}
            maxLength={40}
            required
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <Select
            label={t('roles.copyFrom')}
            placeholder={t('roles.copyNone')}
            data={props.roles.map((r) => ({ value: r.id, label: r.name }))}
            value={from}
            onChange={setFrom}
            clearable
          />
          {errors.form && (
            <Text c="red" size="sm" role="alert">
              {errors.form}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={saving} disabled={offline}>
              {t('common:actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
