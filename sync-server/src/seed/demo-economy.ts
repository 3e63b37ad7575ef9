import { newId } from '@mak/shared/ids';
import { clients, commissionRules, partnerMembers, partners } from '@mak/shared/schema';
import { eq } from 'drizzle-orm';
import { placeBid } from '../modules/auction/bidding.ts';
import { createLot } from '../modules/auction/lots.ts';
import { distribute } from '../modules/distribution/engine.ts';
import { deposit } from '../modules/ledger/operations.ts';
import { createCode } from '../modules/referrals/attribution.ts';
import type { Tx } from '../platform/db.ts';

export interface EconomySeed {
  adminId: string;
  partnerId: string;
  partnerUserId: string;
}

const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

/**
 * The partner economy of the demo workspace: a few organisations (one a franchisee), commission rules, a referral
 * code, money on the books, three open lots (one with a bid) and a lead offered to the demo partner.
 */
export async function seedDemoEconomy(tx: Tx, s: EconomySeed): Promise<void> {
  await tx
    .update(partners)
    .set({
      territory: 'Новосибирская область',
      grade: 'silver',
      contacts: [
        { name: 'Олег Захаров', phone: '+7 383 200-10-10', email: 'partner@demo.mak', position: 'Директор' },
      ],
    })
    .where(eq(partners.id, s.partnerId));
  await tx
    .insert(partnerMembers)
    .values({ id: newId(), partnerId: s.partnerId, userId: s.partnerUserId, role: 'owner' });
  const south = newId();
  const franchise = newId();
  await tx.insert(partners).values([
    {
      id: south,
      name: 'ООО «Юг-Партнёр»',
      territory: 'Краснодарский край',
      grade: 'gold',
      contacts: [{ name: 'Марина Ткаченко', phone: '+7 861 300-20-20' }],
    },
    {
      id: franchise,
      name: 'ИП Сафин Р. Р. (франчайзи, Казань)',
      kind: 'franchisee',
      territory: 'Республика Татарстан',
      grade: 'bronze',
    },
    { id: newId(), name: 'ООО «Северный ветер»', grade: 'bronze', status: 'pending' },
  ]);
  await tx.insert(commissionRules).values([
    {
      id: newId(),
      name: '10 % от выигранной сделки',
      kind: 'percent_of_deal',
      rateBp: 1000,
      holdDays: 30,
      priority: 10,
    },
    {
      id: newId(),
      name: 'Золотой партнёр: 15 %',
      kind: 'percent_of_deal',
      rateBp: 1500,
      grade: 'gold',
      priority: 5,
    },
    {
      id: newId(),
      name: 'Второй уровень: 5 %',
      kind: 'percent_of_deal',
      rateBp: 500,
      level: 2,
      holdDays: 30,
    },
    {
      id: newId(),
      name: '500 ₽ за квалифицированный лид',
      kind: 'flat_per_lead',
      flatAmount: 50_000,
      holdDays: 14,
    },
  ]);
  await createCode(tx, s.partnerId, { code: 'REGION-2026', label: 'Сайт партнёра' });
  await deposit(tx, {
    partnerId: s.partnerId,
    amount: 15_000_000,
    memo: 'Пополнение: п/п № 117',
    createdBy: s.adminId,
  });
  await deposit(tx, {
    partnerId: south,
    amount: 30_000_000,
    memo: 'Пополнение: п/п № 42',
    createdBy: s.adminId,
  });

  const leads = [
    ['Заявка с сайта: кухни на заказ', 'Новосибирская область', 'Мебель', '300–500 тыс. ₽'],
    ['Заявка: монтаж вентиляции, склад', 'Краснодарский край', 'Инженерные системы', '1–2 млн ₽'],
    ['Звонок: ремонт офиса 120 м²', null, 'Ремонт', '500 тыс. – 1 млн ₽'],
    ['Заявка: поставка спецодежды', 'Новосибирская область', 'Поставки', '100–300 тыс. ₽'],
  ] as const;
  const ids: string[] = [];
  for (const [name, territory] of leads) {
    const id = newId();
    ids.push(id);
    await tx.insert(clients).values({ id, name, status: 'lead', source: 'Сайт', address: territory });
  }
  const preview = (i: number) => ({
    region: leads[i]?.[1] ?? undefined,
    category: leads[i]?.[2],
    budgetBand: leads[i]?.[3],
    source: 'Сайт',
  });
  await createLot(
    tx,
    {
      clientId: ids[0] as string,
      type: 'english',
      title: leads[0][0],
      territory: leads[0][1],
      preview: preview(0),
      startPrice: 200_000,
      reservePrice: 300_000,
      minIncrement: 10_000,
      minIncrementBp: 500,
      buyNowPrice: 900_000,
      endsAt: hours(48),
    },
    s.adminId,
  );
  await createLot(
    tx,
    {
      clientId: ids[1] as string,
      type: 'sealed_second',
      title: leads[1][0],
      territory: leads[1][1],
      preview: preview(1),
      startPrice: 500_000,
      minIncrement: 25_000,
      endsAt: hours(72),
    },
    s.adminId,
  );
  const open = await createLot(
    tx,
    {
      clientId: ids[2] as string,
      type: 'english',
      title: leads[2][0],
      territory: null,
      preview: preview(2),
      startPrice: 150_000,
      minIncrement: 5_000,
      endsAt: hours(6),
    },
    s.adminId,
  );
  await placeBid(tx, { id: newId(), lotId: open.id, partnerId: south, userId: s.adminId, amount: 160_000 });
  await distribute(
    tx,
    {
      clientId: ids[3] as string,
      mode: 'manual',
      partnerId: s.partnerId,
      territory: leads[3][1],
      category: leads[3][2],
      budgetBand: leads[3][3],
    },
    s.adminId,
  );
}
