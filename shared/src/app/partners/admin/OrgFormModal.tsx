import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../ids.ts';
import { PARTNER_GRADES, PARTNER_KINDS, PARTNER_STATUSES } from '../../../schema/partners-economy.ts';
import { useMutate } from '../../common/index.ts';

export interface OrgRow {
  id: string;
  name: string;
  kind: string;
  territory: string | null;
  grade: string;
  status: string;
  version: number;
}

/** Create (org null) or edit a partner organisation through the partner.* mutations (works offline). */
export function OrgFormModal({ org, onClose }: { org: OrgRow | null; onClose: () => void }) {
  const { t } = useTranslation('partners');
  const mutate = useMutate();
  const [name, setName] = useState(org?.name ?? '');
  const [kind, setKind] = useState(org?.kind ?? 'partner');
  const [territory, setTerritory] = useState(org?.territory ?? '');
  const [grade, setGrade] = useState(org?.grade ?? 'bronze');
  const [status, setStatus] = useState(org?.status ?? 'active');
  const [busy, setBusy] = useState(false);
  const options = (prefix: string, values: readonly string[]) =>
    values.map((v) => ({ value: v, label: t(`admin.${prefix}.${v}`) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    const fields = { name: name.trim(), kind, territory: territory.trim() || null, grade, status };
    const res = org
      ? await mutate('partner.update', { id: org.id, patch: fields })
      : await mutate('partner.create', { id: newId(), ...fields });
    setBusy(false);
    if (res.ok) onClose();
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={org ? t('admin.editNamed', { name: org.name }) : t('admin.create')}
    >
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t('admin.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            data-autofocus
            maxLength={200}
          />
          <Select
            label={t('admin.kind')}
            data={options('kinds', PARTNER_KINDS)}
            value={kind}
            onChange={(v) => v && setKind(v)}
            allowDeselect={false}
          />
          <TextInput
            label={t('admin.territory')}
            placeholder={t('admin.anywhere')}
            value={territory}
            onChange={(e) => setTerritory(e.currentTarget.value)}
            maxLength={100}
          />
          <Select
            label={t('admin.grade')}
            data={options('grades', PARTNER_GRADES)}
            value={grade}
            onChange={(v) => v && setGrade(v)}
            allowDeselect={false}
          />
          <Select
            label={t('admin.status')}
            data={options('statuses', PARTNER_STATUSES)}
            value={status}
            onChange={(v) => v && setStatus(v)}
            allowDeselect={false}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('admin.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('admin.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
