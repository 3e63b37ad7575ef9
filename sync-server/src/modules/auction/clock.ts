import { sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../../platform/db.ts';

/** The database's clock, not this process's: every server instance agrees on when a lot ends or an offer expires. */
export async function dbNow(q: Queryable): Promise<Date> {
  const [row] = rowsOf<{ now: string }>(
    await q.execute(
      sql`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as now`,
    ),
  );
  return new Date(row?.now ?? Date.now());
}
