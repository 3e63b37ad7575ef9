import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { CreateClientModal } from './create/create-client-modal.tsx';
import { ClientsDesktop } from './list/clients-desktop.tsx';
import { useClientsList } from './list/use-clients-list.ts';
import { ClientsMobile } from './mobile/clients-mobile.tsx';

export { ClientCardPage } from './card/client-card-page.tsx';

/** The clients list: a virtualized table on wide screens, cards under 768 px; both share search and filters. */
export function ClientsPage() {
  const list = useClientsList();
  const phone = useMediaQuery('(max-width: 48em)');
  const [creating, setCreating] = useState(false);
  return (
    <>
      {phone ? (
        <ClientsMobile list={list} onCreate={() => setCreating(true)} />
      ) : (
        <ClientsDesktop list={list} onCreate={() => setCreating(true)} />
      )}
      <CreateClientModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
