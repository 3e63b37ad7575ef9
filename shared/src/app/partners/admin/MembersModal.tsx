import { Alert, Button, Code, CopyButton, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTNER_MEMBER_ROLES } from '../../../schema/partners-economy.ts';
import { formatDate } from '../../common/index.ts';
import { checkInviteEmail } from '../form-checks.ts';
import { useOnline, useServer } from '../server.ts';
import { StatusBadge } from '../status-badges.tsx';
import type { OrgRow } from './OrgFormModal.tsx';

interface Member {
  userId: string;
  name: string;
  email: string;
  role: string;
}
interface Invite {
  id: string;
  email: string;
  role: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

function inviteState(i: Invite): 'open' | 'accepted' | 'revoked' | 'expired' {
  if (i.acceptedAt) return 'accepted';
  if (i.revokedAt) return 'revoked';
  return Date.parse(i.expiresAt) < Date.now() ? 'expired' : 'open';
}

/** Members and invitations of one organisation (server-only data: needs the network). */
export function MembersModal({ org, onClose }: { org: OrgRow; onClose: () => void }) {
  const { t } = useTranslation('partners');
  const server = useServer();
  const online = useOnline();
  const [members, setMembers] = useState<Member[]>([]);
  const [invites, setInvites] = useState<Invite[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<string>('manager');
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [emailError, setEmailError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const id = encodeURIComponent(org.id);
    const [m, i] = await Promise.all([
      server<{ items: Member[] }>({ method: 'GET', path: `/api/partners/${id}/members` }, false),
      server<{ items: Invite[] }>({ method: 'GET', path: `/api/partner-invites?partnerId=${id}` }, false),
    ]);
    if (!m.ok) return setLoadError(m.message);
    setLoadError(null);
    setMembers(m.body.items ?? []);
    if (i.ok) setInvites(i.body.items ?? []);
  }, [org.id, server]);
  useEffect(() => {
    void load();
  }, [load]);

  const invite = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setLink(null);
    const checked = checkInviteEmail(email);
    if (!checked.ok) return setEmailError(t(checked.issues.email ?? 'form.emailInvalid'));
    setEmailError(null);
    const res = await server<{ link: string }>(
      {
        method: 'POST',
        path: '/api/partner-invites',
        body: { partnerId: org.id, email: checked.body, role },
      },
      false,
    );
    if (!res.ok) {
      // A taken or malformed e-mail belongs under the e-mail; anything else under the form.
      if (res.fields.email) return setEmailError(t('form.emailInvalid'));
      if (res.reason === 'email_taken') return setEmailError(res.message);
      return setError(res.message);
    }
    setLink(res.body.link);
    setEmail('');
    void load();
  };
  const revoke = async (id: string) => {
    const res = await server({
      method: 'POST',
      path: `/api/partner-invites/${encodeURIComponent(id)}/revoke`,
    });
    if (res.ok) void load();
  };

  return (
    <Modal opened onClose={onClose} title={t('admin.membersNamed', { name: org.name })} size="lg">
      <Stack>
        {loadError && <Alert color="orange">{t('admin.loadFailed', { message: loadError })}</Alert>}
        {members.length === 0 && !loadError && <Text c="dimmed">{t('admin.noMembers')}</Text>}
        {members.map((m) => (
          <Group key={m.userId} justify="space-between" wrap="nowrap">
            <Stack gap={0}>
              <Text size="sm">{m.name}</Text>
              <Text size="xs" c="dimmed">
                {m.email}
              </Text>
            </Stack>
            <StatusBadge>{t(`admin.roles.${m.role}`, { defaultValue: m.role })}</StatusBadge>
          </Group>
        ))}
        <Text fw={600}>{t('admin.invites')}</Text>
        {invites.map((i) => {
          const state = inviteState(i);
          return (
            <Group key={i.id} justify="space-between" wrap="nowrap">
              <Text size="sm">
                {i.email} · {t(`admin.roles.${i.role}`, { defaultValue: i.role })} · {formatDate(i.expiresAt)}
              </Text>
              <Group gap={4} wrap="nowrap">
                <StatusBadge color={state === 'open' ? 'blue' : 'gray'}>
                  {t(`admin.inviteStates.${state}`)}
                </StatusBadge>
                {state === 'open' && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    disabled={!online}
                    aria-label={t('admin.revokeNamed', { email: i.email })}
                    onClick={() => revoke(i.id)}
                  >
                    {t('admin.revoke')}
                  </Button>
                )}
              </Group>
            </Group>
          );
        })}
        <form onSubmit={invite} noValidate>
          <Group align="flex-start" gap="xs">
            <TextInput
              label={t('admin.email')}
              type="email"
              inputMode="email"
              value={email}
              onChange={(e) => {
                setEmail(e.currentTarget.value);
                setEmailError(null);
              }}
              error={emailError}
              required
              disabled={!online}
              maxLength={254}
              style={{ flex: 1, minWidth: 180 }}
            />
            <Select
              label={t('admin.role')}
              data={PARTNER_MEMBER_ROLES.map((r) => ({ value: r, label: t(`admin.roles.${r}`) }))}
              value={role}
              onChange={(v) => v && setRole(v)}
              allowDeselect={false}
              w={140}
            />
            <Button type="submit" disabled={!online} mt={25}>
              {t('admin.invite')}
            </Button>
          </Group>
        </form>
        {!online && (
          <Text size="sm" c="orange">
            {t('admin.offline')}
          </Text>
        )}
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
        {link && (
          <Alert color="green" title={t('admin.inviteLink')}>
            {/* The link on its own line and the button under it: side by side, the button was cut off. */}
            <Stack gap="xs" align="flex-start">
              <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap', width: '100%' }}>
                {link}
              </Code>
              <CopyButton value={link}>
                {({ copied, copy }) => (
                  <Button size="compact-xs" variant="light" onClick={copy}>
                    {copied ? t('referral.copied') : t('referral.copy')}
                  </Button>
                )}
              </CopyButton>
            </Stack>
          </Alert>
        )}
      </Stack>
    </Modal>
  );
}
