import { Route, Switch } from 'wouter';
import { ClientCardPage, ClientsPage } from './clients/index.tsx';
import { DealCardPage, DealsBoardPage, DealsTablePage } from './deals/index.tsx';
import {
  HomeRedirect,
  InviteWhileSignedIn,
  PartnerAdminPage,
  PartnerCabinetPage,
} from './partners/index.tsx';
import { SettingsPage } from './settings/index.tsx';
import { Shell } from './shell/index.tsx';
import { TasksPage } from './tasks/index.tsx';

/** Paths (hash routing, so the same build works from file:// in Electron and from the server). */
export const paths = {
  clients: '/clients',
  client: (id: string) => `/clients/${id}`,
  deals: '/deals',
  dealsTable: '/deals/table',
  deal: (id: string) => `/deals/${id}`,
  tasks: '/tasks',
  settings: '/settings',
  partnerCabinet: '/partner/cabinet',
  partnerAdmin: '/partner/admin',
} as const;

export function SignedInRoutes() {
  return (
    <Shell>
      <Switch>
        <Route path="/clients">{() => <ClientsPage />}</Route>
        <Route path="/clients/:id">{(p) => <ClientCardPage id={p.id} />}</Route>
        <Route path="/deals">{() => <DealsBoardPage />}</Route>
        <Route path="/deals/table">{() => <DealsTablePage />}</Route>
        <Route path="/deals/:id">{(p) => <DealCardPage id={p.id} />}</Route>
        <Route path="/tasks">{() => <TasksPage />}</Route>
        <Route path="/settings" nest>
          {() => <SettingsPage />}
        </Route>
        <Route path="/partner/cabinet">{() => <PartnerCabinetPage />}</Route>
        <Route path="/partner/admin">{() => <PartnerAdminPage />}</Route>
        {/* The invitation link (the server makes `<origin>/#/invite/<token>`) opened while signed in. */}
        <Route path="/invite/:token">{() => <InviteWhileSignedIn />}</Route>
        <Route>
          <HomeRedirect fallback="/clients" />
        </Route>
      </Switch>
    </Shell>
  );
}
