import { Button, Checkbox, Code, CopyButton, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../common/index.ts';
import { downloadText, recoveryCodesFile } from './recovery-codes.ts';

/** The recovery codes, shown once: they cannot be read again, only replaced. */
export function RecoveryCodesModal(props: { codes: string[] | null; onClose: () => void }) {
  const { t } = useTranslation('settings');
  const user = useUser();
  const [saved, setSaved] = useState(false);
  const codes = props.codes ?? [];
  const text = recoveryCodesFile(codes, user.email, new Date(), t('twoFactor.codesFileHeading'));
  const close = () => {
    setSaved(false);
    props.onClose();
  };
  return (
    <Modal
      opened={props.codes !== null}
      onClose={close}
      title={t('twoFactor.codesTitle')}
      closeOnClickOutside={false}
      closeOnEscape={saved}
      withCloseButton={saved}
      size="md"
    >
      <Stack gap="md">
        <Text size="sm">{t('twoFactor.codesText')}</Text>
        <SimpleGrid cols={2} spacing="xs" aria-label={t('twoFactor.codesTitle')} role="list">
          {codes.map((code) => (
            <Code key={code} role="listitem" fz="md" ta="center" py={4}>
              {code}
            </Code>
          ))}
        </SimpleGrid>
        <Group gap="xs">
          <CopyButton value={codes.join('\n')}>
            {({ copied, copy }) => (
              <Button
                variant="light"
                onClick={copy}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              >
                {copied ? t('copied') : t('twoFactor.copyCodes')}
              </Button>
            )}
          </CopyButton>
          <Button
            variant="light"
            leftSection={<IconDownload size={16} />}
            onClick={() => downloadText('mak-crm-recovery-codes.txt', text)}
          >
            {t('twoFactor.downloadCodes')}
          </Button>
        </Group>
        <Checkbox
          label={t('twoFactor.codesSaved')}
          checked={saved}
          onChange={(e) => setSaved(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button onClick={close} disabled={!saved} data-autofocus>
            {t('twoFactor.done')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
