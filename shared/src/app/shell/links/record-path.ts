import { paths } from '../../routes.tsx';

/** Where a record opens: its own card, or the card of what it belongs to (contacts, tasks, notes have none). */
export function recordPath(ref: {
  entity: string;
  id: string;
  clientId?: string | null;
  dealId?: string | null;
}): string | null {
  switch (ref.entity) {
    case 'clients':
      return paths.client(ref.id);
    case 'deals':
      return paths.deal(ref.id);
    case 'tasks':
      return ref.dealId ? paths.deal(ref.dealId) : ref.clientId ? paths.client(ref.clientId) : paths.tasks;
    default:
      if (ref.dealId) return paths.deal(ref.dealId);
      return ref.clientId ? paths.client(ref.clientId) : null;
  }
}
