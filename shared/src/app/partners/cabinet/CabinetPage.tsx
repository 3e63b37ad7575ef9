import { Alert, Container, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEngine, useUser } from '../../common/index.ts';
import { useOnline } from '../server.ts';
import { BalanceCard } from './BalanceCard.tsx';
import { DealsCard } from './DealsCard.tsx';
import { LotsCard } from './LotsCard.tsx';
import { OffersCard } from './OffersCard.tsx';
import { PayoutsCard } from './PayoutsCard.tsx';
import { ReferralCard } from './ReferralCard.tsx';
import { StatementCard } from './StatementCard.tsx';

interface PartnerOrg {
  name: string;
  myRole: 'owner' | 'manager';
}

/** The organisation and the user's role in it; null until known (offline: stays null, the cabinet still reads). */
function usePartnerOrg(): PartnerOrg | null {
  const engine = useEngine();
  const [org, setOrg] = useState<PartnerOrg | null>(null);
  useEffect(() => {
    let live = true;
    engine
      .api<PartnerOrg>({ method: 'GET', path: '/api/partner-org' })
      .then((res) => {
        if (live && res.ok && res.body && typeof res.body.name === 'string') setOrg(res.body);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [engine]);
  return org;
}

/** The partner's home: money, leads, deals, the auction, the referral link, the statement and payouts. */
export function CabinetPage() {
  const { t } = useTranslation('partners');
  const user = useUser();
  const org = usePartnerOrg();
  const online = useOnline();
  const partnerId = user.partnerId;
  if (!partnerId) return null;
  return (
    <Container size="lg" py="md" px="xs">
      <Stack gap="md">
        <Stack gap={0}>
          <Title order={2}>{t('cabinet.title')}</Title>
          {org && <Text c="dimmed">{org.name}</Text>}
        </Stack>
        {!online && (
          <Alert color="orange" role="status">
            {t('cabinet.offline')}
          </Alert>
        )}
        <BalanceCard partnerId={partnerId} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <OffersCard partnerId={partnerId} />
          <DealsCard partnerId={partnerId} />
        </SimpleGrid>
        <LotsCard partnerId={partnerId} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <ReferralCard partnerId={partnerId} />
          <PayoutsCard partnerId={partnerId} owner={org?.myRole === 'owner'} />
        </SimpleGrid>
        <StatementCard partnerId={partnerId} />
      </Stack>
    </Container>
  );
}
