import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { partners, users } from './access.ts';
import { softDelete, syncColumns } from './columns.ts';
import { clients, deals } from './crm.ts';

/**
 * The partner economy (issue 5): memberships and invites, lead distribution, the lead auction, the double-entry
 * ledger, referrals and commissions, payouts. Money is integer kopecks (int8), never floats. Every table a partner
 * may sync carries `partner_id`, so its shape is `partner_id = <my organisation>` and nothing else.
 */

const ts = (name?: string) =>
  name
    ? timestamp(name, { withTimezone: true, mode: 'string' })
    : timestamp({ withTimezone: true, mode: 'string' });
const money = () => bigint({ mode: 'number' });
const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);

export const PARTNER_KINDS = ['partner', 'franchisee'] as const;
export const PARTNER_GRADES = ['bronze', 'silver', 'gold'] as const;
export const PARTNER_STATUSES = ['pending', 'active', 'suspended'] as const;
export const PARTNER_MEMBER_ROLES = ['owner', 'manager'] as const;

/** A partner user's role inside their organisation: owners also invite people and request payouts. */
export const partnerMembers = pgTable(
  'partner_members',
  {
    ...syncColumns,
    partnerId: uuid()
      .notNull()
      .references(() => partners.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    role: text().notNull().default('manager'),
    ...softDelete,
  },
  (t) => [
    uniqueIndex('partner_members_user_uq').on(t.userId),
    index('partner_members_partner_idx').on(t.partnerId),
    check('partner_members_role_ck', inList('role', PARTNER_MEMBER_ROLES)),
  ],
);

/** One-time invitations into a partner organisation; only the SHA-256 of the token is kept (never synced). */
export const partnerInvites = pgTable(
  'partner_invites',
  {
    ...syncColumns,
    partnerId: uuid()
      .notNull()
      .references(() => partners.id),
    email: text().notNull(),
    role: text().notNull().default('manager'),
    tokenHash: text().notNull(),
    invitedBy: uuid().references(() => users.id),
    expiresAt: ts().notNull(),
    acceptedAt: ts(),
    acceptedUserId: uuid().references(() => users.id),
    revokedAt: ts(),
  },
  (t) => [
    uniqueIndex('partner_invites_token_uq').on(t.tokenHash),
    index('partner_invites_partner_idx').on(t.partnerId),
    check('partner_invites_role_ck', inList('role', PARTNER_MEMBER_ROLES)),
  ],
);

export const DISTRIBUTION_MODES = ['manual', 'round_robin', 'claim', 'auction'] as const;
export const DISTRIBUTION_STATUSES = ['offered', 'assigned', 'auction', 'unassigned', 'cancelled'] as const;

/**
 * One lead (a client, optionally its deal) being routed to partners. `declined_partner_ids` are never offered it
 * again. Staff only: a partner sees its own offers, never who else was asked.
 */
export const leadDistributions = pgTable(
  'lead_distributions',
  {
    ...syncColumns,
    clientId: uuid()
      .notNull()
      .references(() => clients.id),
    dealId: uuid().references(() => deals.id),
    mode: text().notNull(),
    status: text().notNull(),
    territory: text(),
    category: text(),
    budgetBand: text(),
    acceptWithinSeconds: integer().notNull().default(7200),
    claimFanout: integer().notNull().default(3),
    assignedPartnerId: uuid().references(() => partners.id),
    declinedPartnerIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    attempts: integer().notNull().default(0),
    createdBy: uuid().references(() => users.id),
  },
  (t) => [
    index('lead_distributions_client_idx').on(t.clientId),
    uniqueIndex('lead_distributions_live_uq').on(t.clientId).where(sql`status IN ('offered', 'auction')`),
    check('lead_distributions_mode_ck', inList('mode', DISTRIBUTION_MODES)),
    check('lead_distributions_status_ck', inList('status', DISTRIBUTION_STATUSES)),
    check('lead_distributions_accept_ck', sql`accept_within_seconds BETWEEN 10 AND 604800`),
    check('lead_distributions_fanout_ck', sql`claim_fanout BETWEEN 1 AND 20`),
  ],
);

export const OFFER_STATUSES = ['offered', 'accepted', 'declined', 'expired', 'withdrawn'] as const;

/** An offer of a lead to one partner, with the deadline to accept it. The partner sees only a preview (no PII). */
export const leadOffers = pgTable(
  'lead_offers',
  {
    ...syncColumns,
    distributionId: uuid()
      .notNull()
      .references(() => leadDistributions.id),
    partnerId: uuid()
      .notNull()
      .references(() => partners.id),
    kind: text().notNull().default('assignment'),
    status: text().notNull().default('offered'),
    expiresAt: ts().notNull(),
    respondedAt: ts(),
    respondedBy: uuid().references(() => users.id),
    declineReason: text(),
    preview: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('lead_offers_partner_idx').on(t.partnerId, t.status),
    index('lead_offers_due_idx').on(t.expiresAt).where(sql`status = 'offered'`),
    uniqueIndex('lead_offers_live_uq').on(t.distributionId, t.partnerId).where(sql`status = 'offered'`),
    check('lead_offers_kind_ck', inList('kind', ['assignment', 'claim'])),
    check('lead_offers_status_ck', inList('status', OFFER_STATUSES)),
  ],
);

export const AUCTION_TYPES = ['english', 'sealed_first', 'sealed_second'] as const;
export const LOT_STATUSES = ['open', 'sold', 'unsold', 'cancelled'] as const;

/**
 * A lead put up for auction: the full, staff-only record (reserve, the lead itself, the winner). Partners sync
 * `auction_listings`, its public projection kept by a trigger.
 */
export const auctionLots = pgTable(
  'auction_lots',
  {
    ...syncColumns,
    distributionId: uuid().references(() => leadDistributions.id),
    clientId: uuid()
      .notNull()
      .references(() => clients.id),
    dealId: uuid().references(() => deals.id),
    type: text().notNull(),
    status: text().notNull().default('open'),
    title: text().notNull(),
    territory: text(),
    preview: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    currency: text().notNull().default('RUB'),
    startPrice: money().notNull(),
    reservePrice: money().notNull().default(0),
    minIncrement: money().notNull(),
    /** Basis points of the current price: the step is max(min_increment, current × bp / 10 000). */
    minIncrementBp: integer().notNull().default(0),
    buyNowPrice: money(),
    startsAt: ts().notNull().defaultNow(),
    endsAt: ts().notNull(),
    originalEndsAt: ts().notNull(),
    extendWindowSeconds: integer().notNull().default(120),
    extendBySeconds: integer().notNull().default(120),
    maxExtensions: integer().notNull().default(10),
    extensions: integer().notNull().default(0),
    /** English: the leading bid (or null before the first); sealed: null until closed. */
    currentPrice: money(),
    leaderPartnerId: uuid().references(() => partners.id),
    leaderBidId: uuid(),
    bidCount: integer().notNull().default(0),
    winnerPartnerId: uuid().references(() => partners.id),
    winningPrice: money(),
    closedAt: ts(),
    closeReason: text(),
    createdBy: uuid().references(() => users.id),
  },
  (t) => [
    index('auction_lots_due_idx').on(t.endsAt).where(sql`status = 'open'`),
    index('auction_lots_client_idx').on(t.clientId),
    check('auction_lots_type_ck', inList('type', AUCTION_TYPES)),
    check('auction_lots_status_ck', inList('status', LOT_STATUSES)),
    check(
      'auction_lots_money_ck',
      sql`start_price >= 0 AND reserve_price >= 0 AND min_increment > 0 AND min_increment_bp BETWEEN 0 AND 10000
          AND (buy_now_price IS NULL OR buy_now_price >= greatest(start_price, reserve_price))`,
    ),
    check(
      'auction_lots_time_ck',
      sql`ends_at > starts_at AND extend_window_seconds BETWEEN 0 AND 3600 AND extend_by_seconds BETWEEN 0 AND 3600
          AND max_extensions BETWEEN 0 AND 100 AND extensions <= max_extensions`,
    ),
  ],
);

/** What every eligible partner may see of a lot, maintained from auction_lots by a trigger (migrations/0005). */
export const auctionListings = pgTable(
  'auction_listings',
  {
    ...syncColumns,
    type: text().notNull(),
    status: text().notNull(),
    title: text().notNull(),
    territory: text(),
    preview: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    currency: text().notNull().default('RUB'),
    startPrice: money().notNull(),
    /** English: the leading bid; sealed: null (bids are secret until the close). */
    currentPrice: money(),
    /** The least bid the server will take now (English: current + step; sealed: the start price). */
    minNextBid: money().notNull(),
    buyNowPrice: money(),
    reserveMet: boolean().notNull().default(false),
    bidCount: integer().notNull().default(0),
    startsAt: ts().notNull(),
    endsAt: ts().notNull(),
    extensions: integer().notNull().default(0),
    maxExtensions: integer().notNull().default(0),
    closedAt: ts(),
  },
  (t) => [index('auction_listings_status_idx').on(t.status, t.endsAt)],
);

/** One partner's position on one lot: its best (or sealed) bid, what is held for it, whether it leads. */
export const auctionStandings = pgTable(
  'auction_standings',
  {
    ...syncColumns,
    lotId: uuid()
      .notNull()
      .references(() => auctionLots.id),
    partnerId: uuid()
      .notNull()
      .references(() => partners.id),
    myBid: money().notNull(),
    held: money().notNull().default(0),
    isLeading: boolean().notNull().default(false),
    lastBidAt: ts().notNull().defaultNow(),
    /** won | lost, set at the close. */
    outcome: text(),
    pricePaid: money(),
  },
  (t) => [
    uniqueIndex('auction_standings_uq').on(t.lotId, t.partnerId),
    index('auction_standings_partner_idx').on(t.partnerId),
    check('auction_standings_money_ck', sql`my_bid > 0 AND held >= 0`),
  ],
);

/** Every bid as received (immutable, server time). Staff only: sealed bids never reach other partners. */
export const auctionBids = pgTable(
  'auction_bids',
  {
    ...syncColumns,
    lotId: uuid()
      .notNull()
      .references(() => auctionLots.id),
    partnerId: uuid()
      .notNull()
      .references(() => partners.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    amount: money().notNull(),
    buyNow: boolean().notNull().default(false),
    receivedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index('auction_bids_lot_idx').on(t.lotId, t.amount),
    index('auction_bids_partner_idx').on(t.partnerId),
    check('auction_bids_amount_ck', sql`amount > 0`),
  ],
);

export const LEDGER_ACCOUNT_KINDS = [
  // A partner's own accounts (partner_id set). wallet = available; the others are reserved or due.
  'wallet',
  'held',
  'pending',
  'payout_pending',
  'owed',
  // The house's side of every entry (partner_id null).
  'cash',
  'auction_revenue',
  'commission_expense',
  'adjustments',
] as const;
export type LedgerAccountKind = (typeof LEDGER_ACCOUNT_KINDS)[number];

export const LEDGER_ENTRY_KINDS = [
  'deposit',
  'hold',
  'release',
  'charge',
  'accrual',
  'approval',
  'reversal',
  'clawback',
  'payout_request',
  'payout_reject',
  'payout_paid',
  'adjustment',
] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

/** Accounts: one per (partner, kind) and one per house kind. Balances are never stored, only summed. */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: uuid().primaryKey(),
    key: text().notNull(),
    partnerId: uuid().references(() => partners.id),
    kind: text().notNull(),
    currency: text().notNull().default('RUB'),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ledger_accounts_key_uq').on(t.key),
    index('ledger_accounts_partner_idx').on(t.partnerId),
    check('ledger_accounts_kind_ck', inList('kind', LEDGER_ACCOUNT_KINDS)),
  ],
);

/** A balanced set of postings (a deferred trigger checks they sum to zero). `amount` is its headline figure. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    ...syncColumns,
    kind: text().notNull(),
    partnerId: uuid().references(() => partners.id),
    amount: money().notNull(),
    memo: text().notNull().default(''),
    refType: text(),
    refId: uuid(),
    /** Idempotency: one entry per business event (a lot's charge, a commission's accrual). */
    eventKey: text(),
    createdBy: uuid().references(() => users.id),
  },
  (t) => [
    uniqueIndex('ledger_entries_event_uq').on(t.eventKey),
    index('ledger_entries_partner_idx').on(t.partnerId, t.createdAt),
    index('ledger_entries_ref_idx').on(t.refType, t.refId),
    check('ledger_entries_kind_ck', inList('kind', LEDGER_ENTRY_KINDS)),
    check('ledger_entries_amount_ck', sql`amount >= 0`),
  ],
);

export const ledgerPostings = pgTable(
  'ledger_postings',
  {
    ...syncColumns,
    entryId: uuid()
      .notNull()
      .references(() => ledgerEntries.id),
    accountId: uuid()
      .notNull()
      .references(() => ledgerAccounts.id),
    /** The account's partner and kind, copied so a partner's shape and balance need no join. */
    partnerId: uuid().references(() => partners.id),
    accountKind: text().notNull(),
    amount: money().notNull(),
  },
  (t) => [
    index('ledger_postings_account_idx').on(t.accountId),
    index('ledger_postings_entry_idx').on(t.entryId),
    index('ledger_postings_partner_idx').on(t.partnerId, t.accountKind),
    check('ledger_postings_amount_ck', sql`amount <> 0`),
  ],
);

export const PAYOUT_STATUSES = ['requested', 'approved', 'paid', 'rejected'] as const;

/** requested → approved → paid (or rejected): the amount is reserved from the wallet while it waits. */
export const payoutRequests = pgTable(
  'payout_requests',
  {
    ...syncColumns,
    partnerId: uuid()
      .notNull()
      .references(() => partners.id),
    amount: money().notNull(),
    status: text().notNull().default('requested'),
    requestedBy: uuid().references(() => users.id),
    decidedBy: uuid().references(() => users.id),
    decidedAt: ts(),
    paidAt: ts(),
    reference: text(),
    note: text(),
  },
  (t) => [
    index('payout_requests_partner_idx').on(t.partnerId, t.createdAt),
    check('payout_requests_status_ck', inList('status', PAYOUT_STATUSES)),
    check('payout_requests_amount_ck', sql`amount > 0`),
  ],
);

/** A partner's referral codes; the link is the public form URL with `?ref=<code>`. */
export const referralCodes = pgTable(
  'referral_codes',
  {
    ...syncColumns,
    partnerId: uuid()
      .notNull()
      .references(() => partners.id),
    code: text().notNull(),
    label: text(),
    active: boolean().notNull().default(true),
    ...softDelete,
  },
  (t) => [
    uniqueIndex('referral_codes_code_uq').on(sql`upper(${t.code})`),
    index('referral_codes_partner_idx').on(t.partnerId),
  ],
);

/**
 * Who brought a client or a partner. First to register wins while the protection lasts (90 days by default);
 * after it an attribution can be superseded.
 */
export const referralAttributions = pgTable(
  'referral_attributions',
  {
    ...syncColumns,
    partnerId: uuid()
      .notNull()
      .references(() => partners.id),
    codeId: uuid().references(() => referralCodes.id),
    subjectType: text().notNull(),
    clientId: uuid().references(() => clients.id),
    referredPartnerId: uuid().references(() => partners.id),
    protectedUntil: ts().notNull(),
    status: text().notNull().default('active'),
  },
  (t) => [
    index('referral_attributions_partner_idx').on(t.partnerId),
    uniqueIndex('referral_attributions_client_uq')
      .on(t.clientId)
      .where(sql`status = 'active' AND client_id IS NOT NULL`),
    uniqueIndex('referral_attributions_partner_uq')
      .on(t.referredPartnerId)
      .where(sql`status = 'active' AND referred_partner_id IS NOT NULL`),
    check('referral_attributions_subject_ck', inList('subject_type', ['client', 'partner'])),
    check('referral_attributions_status_ck', inList('status', ['active', 'superseded'])),
    check(
      'referral_attributions_target_ck',
      sql`(subject_type = 'client' AND client_id IS NOT NULL AND referred_partner_id IS NULL)
          OR (subject_type = 'partner' AND referred_partner_id IS NOT NULL AND client_id IS NULL)`,
    ),
  ],
);

export const COMMISSION_KINDS = ['percent_of_deal', 'flat_per_lead'] as const;

/** Commission rules, matched by priority (lowest first) on level, grade and partner kind. */
export const commissionRules = pgTable(
  'commission_rules',
  {
    ...syncColumns,
    name: text().notNull(),
    kind: text().notNull(),
    /** percent_of_deal: basis points (1 000 = 10 %). */
    rateBp: integer().notNull().default(0),
    /** flat_per_lead: kopecks. */
    flatAmount: money().notNull().default(0),
    level: integer().notNull().default(1),
    grade: text(),
    partnerKind: text(),
    holdDays: integer().notNull().default(30),
    priority: integer().notNull().default(100),
    active: boolean().notNull().default(true),
    ...softDelete,
  },
  () => [
    check('commission_rules_kind_ck', inList('kind', COMMISSION_KINDS)),
    check(
      'commission_rules_values_ck',
      sql`rate_bp BETWEEN 0 AND 10000 AND flat_amount >= 0 AND level IN (1, 2) AND hold_days BETWEEN 0 AND 365`,
    ),
  ],
);

export const COMMISSION_STATUSES = ['pending', 'approved', 'reversed', 'clawed_back'] as const;

/** One earned commission: pending through its hold, then approved into the wallet; reversed or clawed back. */
export const commissions = pgTable(
  'commissions',
  {
    ...syncColumns,
    partnerId: uuid()
      .notNull()
      .references(() => partners.id),
    ruleId: uuid()
      .notNull()
      .references(() => commissionRules.id),
    attributionId: uuid()
      .notNull()
      .references(() => referralAttributions.id),
    kind: text().notNull(),
    level: integer().notNull(),
    clientId: uuid()
      .notNull()
      .references(() => clients.id),
    dealId: uuid().references(() => deals.id),
    baseAmount: money().notNull(),
    amount: money().notNull(),
    status: text().notNull().default('pending'),
    holdUntil: ts().notNull(),
    approvedAt: ts(),
    reversedAt: ts(),
  },
  (t) => [
    index('commissions_partner_idx').on(t.partnerId, t.status),
    index('commissions_due_idx').on(t.holdUntil).where(sql`status = 'pending'`),
    uniqueIndex('commissions_deal_live_uq')
      .on(t.dealId, t.partnerId, t.level)
      .where(sql`status IN ('pending', 'approved') AND deal_id IS NOT NULL`),
    uniqueIndex('commissions_lead_uq')
      .on(t.clientId, t.partnerId, t.level)
      .where(sql`kind = 'flat_per_lead'`),
    check('commissions_status_ck', inList('status', COMMISSION_STATUSES)),
    check('commissions_amount_ck', sql`amount > 0 AND base_amount >= 0`),
  ],
);
