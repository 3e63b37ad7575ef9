import { newId } from '@mak/shared/ids';
import { CLIENT_STATUSES } from '@mak/shared/schema';
import * as ru from './ru-data.ts';

/** Row builders for the demo workspace (seed/demo.ts): pure, driven by one seeded PRNG, no database access. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

export type Row = Record<string, unknown>;

export interface DemoStage {
  id: string;
  isWon: boolean;
  isLost: boolean;
}

export interface DemoContext {
  rng: ru.Rng;
  now: number;
  /** Who owns directly sold clients: the two sales reps and the manager. */
  owners: string[];
  managerId: string;
  partnerId: string;
  partnerUserId: string;
  sales: { pipelineId: string; stages: DemoStage[] };
  partnerDeals: { pipelineId: string; stages: DemoStage[] };
}

/** A client or deal as later rows need it: what to call it and who works it. */
export interface Owned {
  id: string;
  shortName: string;
  ownerId: string | null;
  partnerId: string | null;
}

/** About 45% people, the rest organisations (some sole traders); ~5% given to the partner organisation. */
export function buildClients(
  ctx: DemoContext,
  n: number,
): { clients: Row[]; contacts: Row[]; owned: Owned[] } {
  const { rng, now } = ctx;
  const clients: Row[] = [];
  const contacts: Row[] = [];
  const owned: Owned[] = [];
  for (let i = 0; i < n; i++) {
    const id = newId();
    const partnerId = rng.chance(0.05) ? ctx.partnerId : null;
    const ownerId = partnerId
      ? rng.chance(0.5)
        ? ctx.managerId
        : null
      : (ctx.owners[rng.weighted([4, 4, 2])] ?? null);
    const [regionCode, city] = rng.pick(ru.REGIONS);
    const taxOffice = `${regionCode}${rng.digits(2)}`;
    const row: Row = {
      id,
      status: CLIENT_STATUSES[rng.weighted([30, 25, 35, 10])],
      source: rng.pick(ru.SOURCES),
      ownerId,
      partnerId,
      tags: [...new Set(Array.from({ length: rng.weighted([4, 3, 2, 1]) }, () => rng.pick(ru.TAGS)))],
      address: `г. ${city}, ${rng.pick(ru.STREETS)}, д. ${rng.int(1, 120)}`,
      createdAt: iso(now - rng.int(1, 365) * DAY - rng.int(0, 86_399) * 1000),
    };
    let shortName: string;
    if (rng.chance(0.45)) {
      const p = ru.fakePerson(rng);
      shortName = p.short;
      const fields = {
        kind: 'person',
        name: p.full,
        phones: [ru.mobilePhone(rng)],
        emails: [ru.personalEmail(rng, p)],
      };
      Object.assign(row, fields);
    } else if (rng.chance(0.1)) {
      const trader = ru.fakeSoleTrader(rng, taxOffice);
      shortName = trader.short;
      Object.assign(row, trader.fields, { custom: { industry: rng.pick(ru.INDUSTRIES) } });
    } else {
      const org = ru.fakeOrganisation(rng, taxOffice);
      shortName = org.short;
      const budget = rng.chance(0.6) ? { budget: rng.int(2, 200) * 5_000_000 } : {};
      Object.assign(row, org.fields, { custom: { industry: rng.pick(ru.INDUSTRIES), ...budget } });
      for (let c = rng.weighted([6, 3, 1]) + 1; c > 0; c--) {
        const p = ru.fakePerson(rng);
        contacts.push({
          id: newId(),
          clientId: id,
          name: `${p.first} ${p.last}`,
          position: rng.pick(ru.POSITIONS),
          phones: [ru.mobilePhone(rng)],
          emails: [`${ru.translit(p.first)}.${ru.translit(p.last)}@${org.website}`],
        });
      }
    }
    clients.push(row);
    owned.push({ id, shortName, ownerId, partnerId });
  }
  return { clients, contacts, owned };
}

/** Deals of partner clients go through the partner pipeline; amounts are whole kopecks, mostly round sums. */
export function buildDeals(ctx: DemoContext, clients: Owned[], n: number): { deals: Row[]; owned: Owned[] } {
  const { rng, now } = ctx;
  const direct = clients.filter((c) => !c.partnerId);
  const viaPartner = clients.filter((c) => c.partnerId);
  const deals: Row[] = [];
  const owned: Owned[] = [];
  for (let i = 0; i < n && clients.length > 0; i++) {
    const client =
      viaPartner.length && (rng.chance(0.15) || !direct.length) ? rng.pick(viaPartner) : rng.pick(direct);
    const pipeline = client.partnerId ? ctx.partnerDeals : ctx.sales;
    const weights = client.partnerId ? [25, 20, 20, 20, 15] : [22, 18, 16, 12, 20, 12];
    const stage = pipeline.stages[rng.weighted(weights)] as DemoStage;
    const closedAt =
      stage.isWon || stage.isLost ? now - rng.int(1, 180) * DAY - rng.int(0, 36_000) * 1000 : null;
    const rubles = rng.int(3, 500) * 10_000 + (rng.chance(0.15) ? rng.int(1, 9_999) : 0);
    const id = newId();
    deals.push({
      id,
      title: `${rng.pick(ru.DEAL_SUBJECTS)} — ${client.shortName}`,
      clientId: client.id,
      pipelineId: pipeline.pipelineId,
      stageId: stage.id,
      amount: rubles * 100 + (rng.chance(0.1) ? rng.int(1, 99) : 0),
      currency: 'RUB',
      ownerId: client.ownerId,
      partnerId: client.partnerId,
      expectedCloseDate: iso(closedAt ?? now + rng.int(-20, 120) * DAY).slice(0, 10),
      closedAt: closedAt === null ? null : iso(closedAt),
      custom: rng.chance(0.4) ? { lead_source_detail: rng.pick(ru.LEAD_SOURCE_DETAILS) } : {},
      createdAt: iso((closedAt ?? now) - rng.int(3, 120) * DAY),
    });
    owned.push({ id, shortName: client.shortName, ownerId: client.ownerId, partnerId: client.partnerId });
  }
  return { deals, owned };
}

/** A deal (60%) or client a task or note hangs off, and the person working it: its owner, else the partner's user. */
function subject(ctx: DemoContext, clients: Owned[], deals: Owned[]) {
  const onDeal = deals.length > 0 && ctx.rng.chance(0.6);
  const target = onDeal ? ctx.rng.pick(deals) : ctx.rng.pick(clients);
  const who = target.ownerId ?? (target.partnerId ? ctx.partnerUserId : ctx.managerId);
  return {
    clientId: onDeal ? null : target.id,
    dealId: onDeal ? target.id : null,
    who,
    name: target.shortName,
  };
}

/** Due dates from ten days ago to three weeks ahead in office hours (UTC+3); most past ones are done. */
export function buildTasks(ctx: DemoContext, clients: Owned[], deals: Owned[], n: number): Row[] {
  const { rng, now } = ctx;
  const rows: Row[] = [];
  for (let i = 0; i < n && clients.length > 0; i++) {
    const s = subject(ctx, clients, deals);
    const due = new Date(now + rng.int(-10, 21) * DAY);
    due.setUTCHours(rng.int(6, 15), rng.pick([0, 0, 15, 30, 45]), 0, 0);
    const done = due.getTime() < now ? rng.chance(0.7) : rng.chance(0.1);
    const before = Math.min(due.getTime(), now);
    rows.push({
      id: newId(),
      title: `${rng.pick(ru.TASK_TITLES)}: ${s.name}`,
      description: rng.chance(0.3) ? rng.pick(ru.NOTE_TEXTS) : null,
      clientId: s.clientId,
      dealId: s.dealId,
      assigneeId: s.who,
      createdBy: rng.chance(0.2) ? ctx.managerId : s.who,
      dueAt: due.toISOString(),
      remindAt: !done && rng.chance(0.3) ? iso(due.getTime() - HOUR) : null,
      done,
      doneAt: done ? iso(before - rng.int(0, 48) * HOUR) : null,
      createdAt: iso(before - rng.int(1, 30) * DAY),
    });
  }
  return rows;
}

export function buildNotes(ctx: DemoContext, clients: Owned[], deals: Owned[], n: number): Row[] {
  const { rng, now } = ctx;
  const rows: Row[] = [];
  for (let i = 0; i < n && clients.length > 0; i++) {
    const s = subject(ctx, clients, deals);
    const body = rng.pick(ru.NOTE_TEXTS);
    rows.push({
      id: newId(),
      body: rng.chance(0.3) ? `${body} ${rng.pick(ru.NOTE_TEXTS)}` : body,
      clientId: s.clientId,
      dealId: s.dealId,
      authorId: s.who,
      createdAt: iso(now - rng.int(0, 200) * DAY - rng.int(0, 86_399) * 1000),
    });
  }
  return rows;
}
