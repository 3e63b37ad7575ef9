// Postgres' text form of timestamptz ("2026-11-18 09:34:57.195+00") → ISO 8601 ("2026-11-18T09:34:57.195+00:00"),
// keeping every digit of precision, so API clients can parse timestamps with any standard library.
const PG_TIMESTAMPTZ = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?$/;

export function isoTimestamp(value: string): string {
  const m = PG_TIMESTAMPTZ.exec(value);
  return m ? `${m[1]}T${m[2]}${m[3]}:${m[4] ?? '00'}` : value;
}

/** Timestamp columns are named `…At` (createdAt, dueAt, …); user text in other fields is never touched. */
const TIMESTAMP_KEY = /At$/;

export function serializeRow<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row))
    out[k] = typeof v === 'string' && TIMESTAMP_KEY.test(k) ? isoTimestamp(v) : v;
  return out as T;
}
