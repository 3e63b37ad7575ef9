import { sql } from 'drizzle-orm';
import { newId } from '../../shared/src/ids.ts';
import { teams, users } from '../../shared/src/schema/index.ts';
import { createUser } from '../../sync-server/src/modules/users/create-user.ts';
import { type Db, rowsOf, writeTx } from '../../sync-server/src/platform/db.ts';
import { ensureBuiltinRoles } from '../../sync-server/src/seed/roles.ts';

export const BENCH_PASSWORD = 'bench-password-1';

/**
 * 100,000 clients spread over 50 sales reps (2,000 each), generated in SQL so the set-up takes seconds.
 * The search trigger fills the search columns as rows go in, as it would for real writes.
 */
export async function ensureBenchData(
  db: Db,
  total: number,
): Promise<{ adminEmail: string; salesEmail: string }> {
  const adminEmail = 'bench-admin@bench.mak';
  const salesEmail = 'bench-sales-0@bench.mak';
  const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from clients`)) as [
    { n: number },
  ];
  if (n >= total) return { adminEmail, salesEmail };
  await writeTx(db, null, async (tx) => {
    await ensureBuiltinRoles(tx);
    const existing = await tx.select({ id: users.id }).from(users).where(sql`${users.email} = ${adminEmail}`);
    if (!existing.length) {
      const teamId = newId();
      await tx.insert(teams).values({ id: teamId, name: 'Bench team' });
      await createUser(tx, {
        email: adminEmail,
        password: BENCH_PASSWORD,
        name: 'Bench Admin',
        roleKey: 'admin',
      });
      for (let i = 0; i < 50; i++) {
        await createUser(tx, {
          email: `bench-sales-${i}@bench.mak`,
          password: BENCH_PASSWORD,
          name: `Продавец ${i}`,
          roleKey: 'sales',
          teamId,
        });
      }
    }
  });
  const reps = rowsOf<{ id: string }>(
    await db.execute(sql`select id from users where email like 'bench-sales-%' order by email`),
  ).map((r) => r.id);
  const batch = 10_000;
  for (let start = n; start < total; start += batch) {
    const end = Math.min(total, start + batch);
    await db.execute(sql`
      insert into clients (id, kind, name, status, source, owner_id, phones, emails, tags, inn, created_at, updated_at)
      select gen_random_uuid(),
             case when g % 3 = 0 then 'company' else 'person' end,
             (array['Иванов','Смирнова','Кузнецов','Попова','Васильев','Петрова','Соколов','Михайлова','Новиков','Фёдорова'])[g % 10 + 1]
               || ' ' || (array['Алексей','Мария','Дмитрий','Елена','Сергей','Ольга','Андрей','Наталья','Павел','Ирина'])[(g / 10) % 10 + 1]
               || ' ' || g,
             (array['lead','prospect','customer','lost'])[g % 4 + 1],
             (array['Сайт','Звонок','Рекомендация','Выставка'])[g % 4 + 1],
             (${sql.raw(`array[${reps.map((r) => `'${r}'::uuid`).join(',')}]`)})[g % ${reps.length} + 1],
             array['+7 (9' || lpad((g % 100)::text, 2, '0') || ') ' || lpad((g % 1000)::text, 3, '0') || '-' || lpad((g % 100)::text, 2, '0') || '-' || lpad(((g / 7) % 100)::text, 2, '0')],
             array['client' || g || '@example.ru'],
             array[(array['vip','опт','розница','новый'])[g % 4 + 1]],
             null,
             now() - (g || ' minutes')::interval,
             now() - (g || ' minutes')::interval
      from generate_series(${start}::int, ${end - 1}::int) as g`);
    process.stdout.write(`  seeded ${end} clients\r`);
  }
  process.stdout.write('\n');
  await db.execute(sql`analyze clients`);
  return { adminEmail, salesEmail };
}
