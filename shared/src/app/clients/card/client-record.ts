import { useLiveQuery } from '../../common/index.ts';

/** One client as the card reads it from the replica's `clients` view. */
export interface ClientRecord {
  id: string;
  kind: string;
  name: string;
  status: string;
  source: string | null;
  owner_id: string | null;
  partner_id: string | null;
  tags: string[];
  phones: string[];
  emails: string[];
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  legal_name: string | null;
  address: string | null;
  website: string | null;
  description: string | null;
  custom: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}

const CLIENT_SQL = `SELECT id, kind, name, status, source, owner_id, partner_id, tags, phones, emails, inn, kpp, ogrn,
  legal_name, address, website, description, custom, created_at, updated_at, version, deleted_at
  FROM clients WHERE id = $1`;

/** The client, live: edits made here or synced from elsewhere show at once. */
export function useClientRecord(id: string) {
  const { rows, loading, error } = useLiveQuery<ClientRecord>(CLIENT_SQL, [id]);
  return { client: rows[0] ?? null, loading, error };
}

/** The editable fields in the mutation's (camelCase) terms. */
export interface ClientDraft {
  name: string;
  kind: string;
  status: string;
  source: string;
  ownerId: string | null;
  tags: string[];
  phones: string[];
  emails: string[];
  inn: string;
  kpp: string;
  ogrn: string;
  legalName: string;
  address: string;
  website: string;
  description: string;
  custom: Record<string, unknown>;
}

export function draftOf(c: ClientRecord): ClientDraft {
  return {
    name: c.name,
    kind: c.kind,
    status: c.status,
    source: c.source ?? '',
    ownerId: c.owner_id,
    tags: c.tags ?? [],
    phones: c.phones ?? [],
    emails: c.emails ?? [],
    inn: c.inn ?? '',
    kpp: c.kpp ?? '',
    ogrn: c.ogrn ?? '',
    legalName: c.legal_name ?? '',
    address: c.address ?? '',
    website: c.website ?? '',
    description: c.description ?? '',
    custom: c.custom ?? {},
  };
}

const NULLABLE_TEXT = [
  'source',
  'inn',
  'kpp',
  'ogrn',
  'legalName',
  'address',
  'website',
  'description',
] as const;

/** A draft as mutation values: trimmed, empty optional text as null. */
export function valuesOf(d: ClientDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { ...d, name: d.name.trim() };
  for (const key of NULLABLE_TEXT) out[key] = d[key].trim() ? d[key].trim() : null;
  out.phones = d.phones.map((p) => p.trim()).filter(Boolean);
  out.emails = d.emails.map((p) => p.trim()).filter(Boolean);
  out.tags = d.tags.map((p) => p.trim()).filter(Boolean);
  return out;
}
