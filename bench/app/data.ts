/** The bench data for the app bench: the shared 100,000-client set, a fifth of it with an INN to search for. */
import pg from 'pg';
import { dbUrl, prepareBenchDatabase } from '../common/server.ts';

export interface AppBenchData {
  adminEmail: string;
  /** Every client; the admin sees them all. */
  totalClients: number;
  /** One client's INN, for the INN queries. */
  sampleInn: string;
}

export async function prepareAppBenchData(): Promise<AppBenchData> {
  const { adminEmail } = await prepareBenchDatabase();
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const withInn = await client.query<{ n: number }>(
      'select count(*)::int as n from clients where inn is not null',
    );
    if (!withInn.rows[0]?.n) {
      console.log('giving a fifth of the clients an INN ...');
      await client.query(
        `update clients set inn = lpad((abs(hashtext(id::text))::bigint * 7 % 10000000000)::text, 10, '0')
         where inn is null and right(name, 1) in ('3', '7')`,
      );
      await client.query('analyze clients');
    }
    const total = await client.query<{ n: number }>('select count(*)::int as n from clients');
    const inn = await client.query<{ inn: string }>(
      'select inn from clients where inn is not null order by name limit 1',
    );
    return {
      adminEmail,
      totalClients: total.rows[0]?.n ?? 0,
      sampleInn: inn.rows[0]?.inn ?? '0000000000',
    };
  } finally {
    await client.end();
  }
}
