import { Container, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../common/index.ts';
import { LotsTab } from './LotsTab.tsx';
import { MoneyTab } from './MoneyTab.tsx';
import { OrgsTab } from './OrgsTab.tsx';
import { PayoutsTab } from './PayoutsTab.tsx';

const TABS = ['orgs', 'lots', 'payouts', 'money'] as const;

/** Staff pages of the partner economy: organisations, lots, payout approvals, deposits and adjustments. */
export function PartnerAdmin() {
  const { t } = useTranslation('partners');
  const [tab, setTab] = useState<string | null>('orgs');
  const lots = useCan('auctions', 'create');
  const payouts = useCan('payouts', 'update');
  const money = useCan('ledger', 'create');
  return (
    <Container size="xl" py="md" px="xs">
      <Title order={2} mb="md">
        {t('admin.title')}
      </Title>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        {/* One row on a phone too: the tabs scroll sideways instead of wrapping under each other. */}
        <Tabs.List
          mb="md"
          aria-label={t('admin.tabsLabel')}
          style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}
        >
          {TABS.filter((tab) => (tab === 'lots' ? lots : tab === 'money' ? money : true)).map((tab) => (
            <Tabs.Tab key={tab} value={tab} style={{ flexShrink: 0 }}>
              {t(`admin.tabs.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="orgs">
          <OrgsTab />
        </Tabs.Panel>
        {lots && (
          <Tabs.Panel value="lots">
            <LotsTab />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="payouts">
          <PayoutsTab canDecide={payouts} />
        </Tabs.Panel>
        {money && (
          <Tabs.Panel value="money">
            <MoneyTab />
          </Tabs.Panel>
        )}
      </Tabs>
    </Container>
  );
}
