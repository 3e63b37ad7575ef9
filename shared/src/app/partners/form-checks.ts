/**
 * What the partner forms (staff pages, the invitation, the cabinet) check before anything is sent, as pure
 * functions: each returns the request body, or the fields that are not right yet as i18n keys (namespace
 * `partners`), so a form shows the reason under the input instead of a server refusal in English.
 */
import { Email, Inn, Phone } from '../../entities/fields.ts';
import { PartnerContact } from '../../entities/org.ts';
import { toKopecks } from './money.ts';

export type Issues<K extends string> = Partial<Record<K, string>>;
export type Checked<K extends string, B> = { ok: true; body: B } | { ok: false; issues: Issues<K> };

const done = <K extends string, B>(issues: Issues<K>, body: () => B): Checked<K, B> =>
  Object.keys(issues).length ? { ok: false, issues } : { ok: true, body: body() };

export interface LotValues {
  clientId: string | null;
  title: string;
  territory: string;
  type: string;
  start: string;
  step: string;
  reserve: string;
  buyNow: string;
  /** `datetime-local` text in the browser's time zone. */
  endsAt: string;
}
export type LotField = Exclude<keyof LotValues, 'type'>;
export interface LotBody {
  clientId: string;
  type: string;
  title: string;
  territory: string | null;
  startPrice: number;
  reservePrice: number;
  minIncrement: number;
  buyNowPrice: number | null;
  endsAt: string;
}

const DAY_MS = 86_400_000;

/** A lot as `POST /api/auction/lots` takes it; `fallbackTitle` (the lead's name) when no title was typed. */
export function checkLot(v: LotValues, fallbackTitle: string, now = Date.now()): Checked<LotField, LotBody> {
  const issues: Issues<LotField> = {};
  if (!v.clientId) issues.clientId = 'form.leadRequired';
  const startPrice = toKopecks(v.start);
  if (startPrice === null) issues.start = 'form.amountPositive';
  const minIncrement = toKopecks(v.step);
  if (minIncrement === null) issues.step = 'form.amountPositive';
  const reservePrice = v.reserve.trim() ? toKopecks(v.reserve) : 0;
  if (reservePrice === null) issues.reserve = 'form.amountOptional';
  const buyNowPrice = v.buyNow.trim() ? toKopecks(v.buyNow) : null;
  if (v.buyNow.trim() && buyNowPrice === null) issues.buyNow = 'form.amountOptional';
  else if (buyNowPrice !== null && buyNowPrice < Math.max(startPrice ?? 0, reservePrice ?? 0))
    issues.buyNow = 'form.buyNowLow';
  const ends = v.endsAt ? new Date(v.endsAt).getTime() : Number.NaN;
  if (Number.isNaN(ends)) issues.endsAt = 'form.endsAtRequired';
  else if (ends <= now + 60_000) issues.endsAt = 'form.endsAtFuture';
  else if (ends > now + 30 * DAY_MS) issues.endsAt = 'form.endsAtFar';
  const title = v.title.trim() || fallbackTitle.trim();
  if (v.clientId && !title) issues.title = 'form.titleRequired';
  return done(issues, () => ({
    clientId: v.clientId as string,
    type: v.type,
    title: title.slice(0, 200),
    territory: v.territory.trim() || null,
    startPrice: startPrice as number,
    reservePrice: reservePrice as number,
    minIncrement: minIncrement as number,
    buyNowPrice,
    endsAt: new Date(ends).toISOString(),
  }));
}

/** The request fields of a lot, by the form field that edits them (to put a server refusal under its input). */
export const LOT_FIELDS: Record<string, LotField> = {
  clientId: 'clientId',
  title: 'title',
  territory: 'territory',
  startPrice: 'start',
  minIncrement: 'step',
  reservePrice: 'reserve',
  buyNowPrice: 'buyNow',
  endsAt: 'endsAt',
};

export interface MoneyValues {
  kind: 'deposit' | 'adjustment';
  partnerId: string | null;
  amount: string;
  memo: string;
}
export type MoneyField = 'partnerId' | 'amount' | 'memo';

/** A deposit (positive) or an adjustment (either sign, never zero) of a partner's wallet. */
export function checkMoney(
  v: MoneyValues,
): Checked<MoneyField, { partnerId: string; amount: number; memo: string }> {
  const issues: Issues<MoneyField> = {};
  if (!v.partnerId) issues.partnerId = 'form.partnerRequired';
  const amount = toKopecks(v.amount, v.kind === 'adjustment');
  if (amount === null) issues.amount = v.kind === 'adjustment' ? 'form.amountNonZero' : 'form.amountPositive';
  if (!v.memo.trim()) issues.memo = 'form.memoRequired';
  return done(issues, () => ({
    partnerId: v.partnerId as string,
    amount: amount as number,
    memo: v.memo.trim(),
  }));
}

export interface ContactValues {
  name: string;
  phone: string;
  email: string;
  position: string;
}
export interface OrgValues {
  name: string;
  inn: string;
  kind: string;
  territory: string;
  grade: string;
  status: string;
  contacts: ContactValues[];
}
/** `name`, `inn`, `territory`, or a contact's input as `contacts.<i>.<field>` (the mutation's own field paths). */
export type OrgField = string;
export interface OrgBody {
  name: string;
  inn: string | null;
  kind: string;
  territory: string | null;
  grade: string;
  status: string;
  contacts: { name: string; phone?: string; email?: string; position?: string }[];
}

/** A partner organisation for `partner.create` / `partner.update`; blank contact rows are left out. */
export function checkOrg(v: OrgValues): Checked<OrgField, OrgBody> {
  const issues: Issues<OrgField> = {};
  const name = v.name.trim();
  if (!name) issues.name = 'form.nameRequired';
  const inn = v.inn.trim();
  if (inn && !Inn.safeParse(inn).success) issues.inn = 'form.innInvalid';
  const contacts: OrgBody['contacts'] = [];
  v.contacts.forEach((c, i) => {
    const filled = [c.name, c.phone, c.email, c.position].map((s) => s.trim());
    if (filled.every((s) => !s)) return;
    const [cName, phone, email, position] = filled as [string, string, string, string];
    if (!cName) issues[`contacts.${i}.name`] = 'form.contactNameRequired';
    if (phone && !Phone.safeParse(phone).success) issues[`contacts.${i}.phone`] = 'form.phoneInvalid';
    if (email && !Email.safeParse(email).success) issues[`contacts.${i}.email`] = 'form.emailInvalid';
    const contact = {
      name: cName,
      ...(phone ? { phone } : {}),
      ...(email ? { email: email.toLowerCase() } : {}),
      ...(position ? { position } : {}),
    };
    if (cName && PartnerContact.safeParse(contact).success) contacts.push(contact);
  });
  return done(issues, () => ({
    name,
    inn: inn || null,
    kind: v.kind,
    territory: v.territory.trim() || null,
    grade: v.grade,
    status: v.status,
    contacts,
  }));
}

/** An invitation's e-mail (the role comes from a list). */
export function checkInviteEmail(email: string): Checked<'email', string> {
  const text = email.trim().toLowerCase();
  if (!text) return { ok: false, issues: { email: 'form.emailRequired' } };
  if (!Email.safeParse(text).success) return { ok: false, issues: { email: 'form.emailInvalid' } };
  return { ok: true, body: text };
}

export const MIN_PASSWORD_LENGTH = 8;

export interface InviteAcceptValues {
  name: string;
  password: string;
  repeat: string;
}

/** The invitee's name and password (the server's rule: at least 8 characters). */
export function checkInviteAccept(
  v: InviteAcceptValues,
): Checked<keyof InviteAcceptValues, { name: string; password: string }> {
  const issues: Issues<keyof InviteAcceptValues> = {};
  if (!v.name.trim()) issues.name = 'form.personNameRequired';
  if (v.password.length < MIN_PASSWORD_LENGTH) issues.password = 'form.passwordShort';
  else if (v.password.length > 200) issues.password = 'form.passwordLong';
  if (!issues.password && v.repeat !== v.password) issues.repeat = 'form.passwordMismatch';
  return done(issues, () => ({ name: v.name.trim(), password: v.password }));
}

/** Where a field's error goes: the form field of a server's request field, else the form as a whole. */
export function placeServerIssues<K extends string>(
  fields: Record<string, string>,
  map: Record<string, K>,
): { byField: Partial<Record<K, string>>; rest: string[] } {
  const byField: Partial<Record<K, string>> = {};
  const rest: string[] = [];
  for (const [field, message] of Object.entries(fields)) {
    const target = map[field];
    if (target && !byField[target]) byField[target] = message;
    else rest.push(`${field}: ${message}`);
  }
  return { byField, rest };
}
