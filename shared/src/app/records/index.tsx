/**
 * Blocks the client and deal cards share. Each is owned by one helper; the props here are the contract.
 */
import type { ReactNode } from 'react';

export type RecordEntity = 'client' | 'deal' | 'contact';

/** Change history of one record from the server's audit log (online only; says so offline). */
export function RecordHistory(_props: {
  entity: 'clients' | 'deals' | 'contacts' | 'tasks';
  id: string;
}): ReactNode {
  return null;
}

/** Notes of a client or a deal, newest first, with a box to add one. */
export function RecordNotes(_props: { clientId?: string; dealId?: string }): ReactNode {
  return null;
}

/** Tasks of a client or a deal, with a quick "new task" and one-click completion. */
export function RecordTasks(_props: { clientId?: string; dealId?: string }): ReactNode {
  return null;
}

/** Inputs for the custom fields defined for `entity`, bound to the record's `custom` object. */
export function CustomFieldsEditor(_props: {
  entity: RecordEntity;
  values: Record<string, unknown>;
  onChange: (next: Record<string, unknown>) => void;
  errors?: Record<string, string>;
}): ReactNode {
  return null;
}

/** A select of active users (from the replica), for owners and assignees. */
export function UserSelect(_props: {
  value: string | null;
  onChange: (userId: string | null) => void;
  label?: string;
  clearable?: boolean;
}): ReactNode {
  return null;
}
