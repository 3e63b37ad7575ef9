import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEngine, useUser } from '../../common/index.ts';
import { SectionCard } from '../common/SectionCard.tsx';
import { useFailureText, useOffline, usePermissions, useServer } from '../common/use-server.ts';
import { diffMatrices, matrixFromGrants, rolePatchBody, setGrant, writesWithoutRead } from './grants.ts';
import { PermissionMatrix } from './PermissionMatrix.tsx';
import type { RoleInfo } from './use-roles.ts';

/** One role: its name and grant matrix (`PATCH /api/roles/{id}`, whole set, version-checked), or delete it. */
export function RoleEditor(props: {
  role: RoleInfo;
  holders: number;
  onSaved: () => Promise<void>;
  onDeleted: () => Promise<void>;
}) {
  const { t } = useTranslation('settings');
  const me = useUser();
  const engine = useEngine();
  const server = useServer();
  const offline = useOffline();
  const can = usePermissions();
  const { describe, fieldErrors, notify } = useFailureText();
  const { role } = props;
  const original = useMemo(() => matrixFromGrants(role.permissions), [role.permissions]);
  const [name, setName] = useState(role.name);
  const [matrix, setMatrix] = useState(original);
  const [errors, setErrors] = useState<{ name?: string; form?: string }>({});
  const [saving, setSaving] = useState(false);
  // The server refuses to change the admin role's grants: it always holds everything.
  const editable = can('roles', 'update') && role.key !== 'admin';
  const changes = diffMatrices(original, matrix);
  const blind = writesWithoutRead(matrix);
  const dirty = changes.length > 0 || name.trim() !== role.name;

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setErrors({ name: t('roles.nameRequired') });
    const body = rolePatchBody(
      { name: role.name, version: role.version, matrix: original },
      { name, matrix },
    );
    if (!body) return;
    setSaving(true);
    const res = await server({ method: 'PATCH', path: `/api/roles/${role.id}`, body });
    setSaving(false);
    if (!res.ok) {
      const fields = fieldErrors(res.failure);
      if (res.failure.code === 'conflict') return setErrors({ form: t('roles.stale') });
      return setErrors({ name: fields.name, form: fields.name ? undefined : describe(res.failure) });
    }
    setErrors({});
    notifications.show({ color: 'green', message: t('roles.saved', { name: name.trim() }) });
    if (role.key === me.role) await engine.refreshUser();
    await props.onSaved();
  }

  const confirmDelete = () =>
    modals.openConfirmModal({
      title: t('roles.deleteTitle', { name: role.name }),
      children: <Text size="sm">{t('roles.deleteText')}</Text>,
      labels: { confirm: t('common:actions.delete'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        const res = await server({ method: 'DELETE', path: `/api/roles/${role.id}` });
        if (!res.ok) {
          if (res.failure.code === 'conflict')
            notifications.show({ color: 'red', message: t('roles.inUse', { name: role.name }) });
          else notify(res.failure);
          return;
        }
        notifications.show({ color: 'green', message: t('roles.deleted', { name: role.name }) });
        await props.onDeleted();
      },
    });

  return (
    <SectionCard
      id="role-editor"
      title={role.name}
      description={t('roles.editorDescription', { key: role.key })}
      actions={
        !role.builtin &&
        can('roles', 'delete') && (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={confirmDelete}
            disabled={offline || props.holders > 0}
            title={props.holders > 0 ? t('roles.inUse', { name: role.name }) : undefined}
          >
            {t('roles.delete')}
          </Button>
        )
      }
    >
      <form onSubmit={save} noValidate>
        <Stack gap="md">
          {role.key === 'admin' && (
            <Alert color="blue" variant="light">
              {t('roles.adminFixed')}
            </Alert>
          )}
          {role.builtin && role.key !== 'admin' && editable && (
            <Alert color="gray" variant="light">
              {t('roles.builtinNote')}
            </Alert>
          )}
          <TextInput
            label={t('roles.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            maxLength={300}
            readOnly={!can('roles', 'update')}
            maw={420}
          />
          <PermissionMatrix
            matrix={matrix}
            original={original}
            editable={editable}
            onChange={(r, a, s) => setMatrix((m) => setGrant(m, r, a, s))}
          />
          <Text size="xs" c="dimmed">
            {t('roles.scopesHelp')}
          </Text>
          {blind.length > 0 && (
            <Alert color="yellow" variant="light">
              {t('roles.writeWithoutRead', {
                list: blind.map((r) => t(`resources.${r}`, { defaultValue: r })).join(', '),
              })}
            </Alert>
          )}
          {errors.form && (
            <Text c="red" size="sm" role="alert">
              {errors.form}
            </Text>
          )}
          {can('roles', 'update') && (
            <Group gap="xs">
              <Button type="submit" loading={saving} disabled={!dirty || offline}>
                {changes.length
                  ? t('roles.saveChanges', { count: changes.length })
                  : t('common:actions.save')}
              </Button>
              <Button
                variant="default"
                disabled={!dirty}
                onClick={() => {
                  setName(role.name);
                  setMatrix(original);
                  setErrors({});
                }}
              >
                {t('roles.reset')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </SectionCard>
  );
}
