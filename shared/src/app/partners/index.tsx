import { Redirect } from 'wouter';
import { useCan, useSession } from '../common/index.ts';
import { PartnerAdmin } from './admin/PartnerAdmin.tsx';
import { CabinetPage } from './cabinet/CabinetPage.tsx';

export { InvitePage, InviteWhileSignedIn } from './invite/InvitePage.tsx';

/** Partner users land in their cabinet; everyone else on `fallback`. */
export function HomeRedirect({ fallback }: { fallback: string }) {
  const session = useSession();
  return <Redirect to={session?.user.partnerId ? '/partner/cabinet' : fallback} replace />;
}

export function PartnerCabinetPage() {
  const session = useSession();
  const can = useCan('ledger', 'read');
  if (!session?.user.partnerId || !can) return <Redirect to="/clients" replace />;
  return <CabinetPage />;
}

export function PartnerAdminPage() {
  const session = useSession();
  const staff = !!session?.user.permissions.some(
    (p) => p.resource === 'partners' && p.action === 'read' && p.scope === 'all',
  );
  if (!staff) return <Redirect to="/" replace />;
  return <PartnerAdmin />;
}
