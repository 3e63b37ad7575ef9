import {
  ActionIcon,
  Alert,
  Button,
  Fieldset,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../ids.ts';
import { PARTNER_GRADES, PARTNER_KINDS, PARTNER_STATUSES } from '../../../schema/partners-economy.ts';
import { fieldErrors, useMutate } from '../../common/index.ts';
import { type ContactValues, checkOrg, type Issues, type OrgField } from '../form-checks.ts';

export interface OrgContact {
  name: string;
  phone?: string;
  email?: string;
  position?: string;
}

export interface OrgRow {
  id: string;
  name: string;
  inn: string | null;
  kind: string;
  territory: string | null;
  grade: string;
  status: string;
  contacts: OrgContact[] | null;
  version: number;
}

const MAX_CONTACTS = 20;
const blankContact = (): ContactValues => ({ name: '', phone: '', email: '', position: '' });
const contactValues = (c: OrgContact): ContactValues => ({
  name: c.name ?? '',
  phone: c.phone ?? '',
  email: c.email ?? '',
  position: c.position ?? '',
});

/** Create (org null) or edit a partner organisation through the partner.* mutations (works offline). */
export function OrgFormModal({ org, onClose }: { org: OrgRow | null; onClose: () => void }) {
  const { t } = useTranslation('partners');
  const phone = useMediaQuery('(max-width: 48em)');
  const mutate = useMutate();
  const [name, setName] = useState(org?.name ?? '');
  const [inn, setInn] = useState(org?.inn ?? '');
  const [kind, setKind] = useState(org?.kind ?? 'partner');
  const [territory, setTerritory] = useState(org?.territory ?? '');
  const [grade, setGrade] = useState(org?.grade ?? 'bronze');
  const [status, setStatus] = useState(org?.status ?? 'active');
  const [contacts, setContacts] = useState<ContactValues[]>(() =>
    org?.contacts?.length ? org.contacts.map(contactValues) : [blankContact()],
  );
  const [issues, setIssues] = useState<Issues<OrgField>>({});
  /** What the replica's own check said about a field (its words, not an i18n key). */
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const options = (prefix: string, values: readonly string[]) =>
    values.map((v) => ({ value: v, label: t(`admin.${prefix}.${v}`) }));
  const issue = (field: OrgField) => {
    const key = issues[field];
    return key ? t(key) : refused[field];
  };
  const clear = (field: OrgField) => {
    if (issues[field]) setIssues(({ [field]: _gone, ...rest }) => rest);
    if (refused[field]) setRefused(({ [field]: _gone, ...rest }) => rest);
  };
  const setContact = (i: number, key: keyof ContactValues, value: string) => {
    setContacts((list) => list.map((c, j) => (j === i ? { ...c, [key]: value } : c)));
    clear(`contacts.${i}.${key}`);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setRefused({});
    const checked = checkOrg({ name, inn, kind, territory, grade, status, contacts });
    if (!checked.ok) return setIssues(checked.issues);
    setIssues({});
    setBusy(true);
    const res = org
      ? await mutate('partner.update', { id: org.id, patch: checked.body })
      : await mutate('partner.create', { id: newId(), ...checked.body });
    setBusy(false);
    if (res.ok) return onClose();
    // The replica refused it (the same rules as the server's): the field's own message, else the whole reason.
    const byField = fieldErrors(res);
    if (Object.keys(byField).length) setRefused(byField);
    else setFailure(res.error.message);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      fullScreen={!!phone}
      size="lg"
      title={org ? t('admin.editNamed', { name: org.name }) : t('admin.create')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {failure && (
            <Alert color="red" role="alert">
              {t('form.failed', { message: failure })}
            </Alert>
          )}
          <TextInput
            label={t('admin.name')}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              clear('name');
            }}
            error={issue('name')}
            required
            data-autofocus
            maxLength={200}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('admin.kind')}
              data={options('kinds', PARTNER_KINDS)}
              value={kind}
              onChange={(v) => v && setKind(v)}
              allowDeselect={false}
            />
            <TextInput
              label={t('admin.inn')}
              value={inn}
              onChange={(e) => {
                setInn(e.currentTarget.value);
                clear('inn');
              }}
              error={issue('inn')}
              inputMode="numeric"
              maxLength={12}
            />
            <TextInput
              label={t('admin.territory')}
              placeholder={t('admin.anywhere')}
              value={territory}
              onChange={(e) => setTerritory(e.currentTarget.value)}
              error={issue('territory')}
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
          </SimpleGrid>
          <Fieldset legend={t('admin.contacts')} p="sm">
            <Stack gap="sm">
              {contacts.map((c, i) => {
                const n = i + 1;
                const label = (key: string) =>
                  contacts.length > 1 ? `${t(`admin.${key}`)} ${n}` : t(`admin.${key}`);
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; they are edited in place
                  <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" style={{ flex: 1 }}>
                      <TextInput
                        label={label('contactName')}
                        value={c.name}
                        onChange={(e) => setContact(i, 'name', e.currentTarget.value)}
                        error={issue(`contacts.${i}.name`)}
                        maxLength={300}
                      />
                      <TextInput
                        label={label('contactPosition')}
                        value={c.position}
                        onChange={(e) => setContact(i, 'position', e.currentTarget.value)}
                        maxLength={300}
                      />
                      <TextInput
                        label={label('contactPhone')}
                        type="tel"
                        inputMode="tel"
                        value={c.phone}
                        onChange={(e) => setContact(i, 'phone', e.currentTarget.value)}
                        error={issue(`contacts.${i}.phone`)}
                        maxLength={40}
                      />
                      <TextInput
                        label={label('contactEmail')}
                        type="email"
                        inputMode="email"
                        value={c.email}
                        onChange={(e) => setContact(i, 'email', e.currentTarget.value)}
                        error={issue(`contacts.${i}.email`)}
                        maxLength={254}
                      />
                    </SimpleGrid>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      mt={26}
                      aria-label={t('admin.removeContact', { n })}
                      onClick={() => {
                        setContacts((list) => list.filter((_, j) => j !== i));
                        // Rows after this one move up: their marks would point at the wrong row.
                        const keep = ([k]: [string, unknown]) => !k.startsWith('contacts.');
                        setIssues((all) => Object.fromEntries(Object.entries(all).filter(keep)));
                        setRefused((all) => Object.fromEntries(Object.entries(all).filter(keep)));
                      }}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                );
              })}
              {contacts.length < MAX_CONTACTS && (
                <Group>
                  <Button
                    variant="light"
                    size="xs"
                    leftSection={<IconPlus size={14} />}
                    onClick={() => setContacts((list) => [...list, blankContact()])}
                  >
                    {t('admin.addContact')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Fieldset>
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
