import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ledgerPostings, partners } from '@mak/shared/schema';
import { and, eq, lt, sql } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import { type Queryable, rowsOf } from '../../platform/db.ts';
import { formatRub } from '../economy/money.ts';
import { isoTimestamp } from '../records/serialize.ts';

const KIND_RU: Record<string, string> = {
  deposit: 'Пополнение',
  hold: 'Блокировка под ставку',
  release: 'Разблокировка',
  charge: 'Оплата лида (аукцион)',
  accrual: 'Начисление комиссии',
  approval: 'Комиссия одобрена',
  reversal: 'Сторно начисления',
  clawback: 'Возврат комиссии',
  payout_request: 'Запрос выплаты',
  payout_reject: 'Выплата отклонена',
  payout_paid: 'Выплата произведена',
  adjustment: 'Корректировка',
};

export interface StatementLine {
  at: string;
  kind: string;
  memo: string;
  /** Change of the available balance (wallet). */
  available: number;
  /** Change of everything the partner has with us (all its accounts). */
  total: number;
}

export interface Statement {
  partnerName: string;
  from: string;
  to: string;
  opening: { available: number; total: number };
  closing: { available: number; total: number };
  lines: StatementLine[];
}

async function positionAt(q: Queryable, partnerId: string, before: string) {
  const [row] = rowsOf<{ available: string | null; total: string | null }>(
    await q.execute(sql`select sum(amount) filter (where account_kind = 'wallet')::text as available,
        sum(amount)::text as total from ${ledgerPostings}
      where ${and(eq(ledgerPostings.partnerId, partnerId), lt(ledgerPostings.createdAt, before))}`),
  );
  return { available: Number(row?.available ?? 0), total: Number(row?.total ?? 0) };
}

/** A partner's statement for [from, to): opening position, every entry with what it changed, closing position. */
export async function buildStatement(
  q: Queryable,
  partnerId: string,
  from: string,
  to: string,
): Promise<Statement> {
  const [org] = await q.select({ name: partners.name }).from(partners).where(eq(partners.id, partnerId));
  const opening = await positionAt(q, partnerId, from);
  const rows = rowsOf<{ at: string; kind: string; memo: string; available: string; total: string }>(
    await q.execute(sql`select e.created_at::text as at, e.kind, e.memo,
        coalesce(sum(p.amount) filter (where p.account_kind = 'wallet'), 0)::text as available,
        sum(p.amount)::text as total
      from ledger_entries e join ${ledgerPostings} p on p.entry_id = e.id and p.partner_id = ${partnerId}
      where e.partner_id = ${partnerId} and e.created_at >= ${from} and e.created_at < ${to}
      group by e.id, e.created_at, e.kind, e.memo order by e.created_at, e.id`),
  );
  const lines = rows.map((r) => ({
    at: isoTimestamp(r.at),
    kind: r.kind,
    memo: r.memo,
    available: Number(r.available),
    total: Number(r.total),
  }));
  const closing = lines.reduce(
    (acc, l) => ({ available: acc.available + l.available, total: acc.total + l.total }),
    opening,
  );
  return { partnerName: org?.name ?? partnerId, from, to, opening, closing, lines };
}

const csvCell = (v: string) => (/[";\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const rub = (k: number) => formatRub(k).replace(/\u00a0/g, '');
const day = (iso: string) => iso.slice(0, 19).replace('T', ' ');

/** CSV as Russian Excel opens it: UTF-8 with a BOM, `;` between fields, decimal commas. */
export function statementCsv(s: Statement): string {
  const rows: string[][] = [
    ['Выписка по счёту партнёра', s.partnerName],
    ['Период', `${day(s.from)} — ${day(s.to)}`],
    ['Входящий остаток (доступно)', rub(s.opening.available)],
    ['Входящий остаток (всего)', rub(s.opening.total)],
    [],
    ['Дата', 'Операция', 'Описание', 'Доступно, ₽', 'Всего, ₽'],
    ...s.lines.map((l) => [day(l.at), KIND_RU[l.kind] ?? l.kind, l.memo, rub(l.available), rub(l.total)]),
    [],
    ['Исходящий остаток (доступно)', rub(s.closing.available)],
    ['Исходящий остаток (всего)', rub(s.closing.total)],
  ];
  return `\ufeff${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

/**
 * DejaVu Sans, shipped as the npm package dejavu-fonts-ttf (the standard PDF fonts have no Cyrillic); the
 * system copy from Debian's fonts-dejavu-core is the fallback.
 */
function fontPath(file: string): string {
  const candidates: string[] = [];
  try {
    const pkg = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
    candidates.push(path.join(path.dirname(pkg), 'ttf', file));
  } catch {
    // not installed: try the system font
  }
  candidates.push(path.join('/usr/share/fonts/truetype/dejavu', file));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`font ${file} not found (install dejavu-fonts-ttf)`);
  return found;
}

/** The statement as an A4 PDF with the font embedded (subset), so Cyrillic renders anywhere. */
export function statementPdf(s: Statement): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `Выписка: ${s.partnerName}` } });
  doc.registerFont('body', fontPath('DejaVuSans.ttf'));
  doc.registerFont('bold', fontPath('DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('bold').fontSize(14).text('Выписка по счёту партнёра');
  doc
    .font('body')
    .fontSize(10)
    .text(s.partnerName)
    .text(`Период: ${day(s.from)} — ${day(s.to)}`);
  doc.moveDown(0.5);
  doc.text(
    `Входящий остаток: доступно ${formatRub(s.opening.available)} ₽, всего ${formatRub(s.opening.total)} ₽`,
  );
  doc.moveDown();
  const cols = [40, 150, 290, 430, 500];
  const row = (cells: string[], font: 'body' | 'bold') => {
    const y = doc.y;
    doc.font(font).fontSize(8);
    const heights = cells.map((c, i) => {
      const width = (cols[i + 1] ?? 555) - (cols[i] as number) - 6;
      const align = i >= 3 ? 'right' : 'left';
      doc.text(c, cols[i] as number, y, { width, align });
      return doc.y - y;
    });
    doc.y = y + Math.max(...heights) + 3;
    if (doc.y > 780) doc.addPage();
  };
  row(['Дата', 'Операция', 'Описание', 'Доступно, ₽', 'Всего, ₽'], 'bold');
  for (const l of s.lines)
    row([day(l.at), KIND_RU[l.kind] ?? l.kind, l.memo, formatRub(l.available), formatRub(l.total)], 'body');
  doc.moveDown();
  doc
    .font('bold')
    .fontSize(10)
    .text(
      `Исходящий остаток: доступно ${formatRub(s.closing.available)} ₽, всего ${formatRub(s.closing.total)} ₽`,
      40,
    );
  doc.end();
  return done;
}
