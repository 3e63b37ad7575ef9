CREATE TABLE "auction_bids" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_mutation_id" uuid,
	"lot_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"buy_now" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auction_bids_amount_ck" CHECK (amount > 0)
);
--> statement-breakpoint
CREATE TABLE "auction_listings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_mutation_id" uuid,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"territory" text,
	"preview" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"currency" text DEFAULT 'RUB' NOT NULL,
	"start_price" bigint NOT NULL,
	"current_price" bigint,
	"min_next_bid" bigint NOT NULL,
	"buy_now_price" bigint,
	"reserve_met" boolean DEFAULT false NOT NULL,
	"bid_count" integer DEFAULT 0 NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"extensions" integer DEFAULT 0 NOT NULL,
	"max_extensions" integer DEFAULT 0 NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "auction_lots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_mutation_id" uuid,
	"distribution_id" uuid,
	"client_id" uuid NOT NULL,
	"deal_id" uuid,
	"type" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"title" text NOT NULL,
	"territory" text,
	"preview" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"currency" text DEFAULT 'RUB' NOT NULL,
	"start_price" bigint NOT NULL,
	"reserve_price" bigint DEFAULT 0 NOT NULL,
	"min_increment" bigint NOT NULL,
	"min_increment_bp" integer DEFAULT 0 NOT NULL,
	"buy_now_price" bigint,
	"starts_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"original_ends_at" timestamp with time zone NOT NULL,
	"extend_window_seconds" integer DEFAULT 120 NOT NULL,
	"extend_by_seconds" integer DEFAULT 120 NOT NULL,
	"max_extensions" integer DEFAULT 10 NOT NULL,
	"extensions" integer DEFAULT 0 NOT NULL,
	"current_price" bigint,
	"leader_partner_id" uuid,
	"leader_bid_id" uuid,
	"bid_count" integer DEFAULT 0 NOT NULL,
	"winner_partner_id" uuid,
	"winning_price" bigint,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"created_by" uuid,
	CONSTRAINT "auction_lots_type_ck" CHECK (type IN ('english', 'sealed_first', 'sealed_second')),
	CONSTRAINT "auction_lots_status_ck" CHECK (status IN ('open', 'sold', 'unsold', 'cancelled')),
	CONSTRAINT "auction_lots_money_ck" CHECK (start_price >= 0 AND reserve_price >= 0 AND min_increment > 0 AND min_increment_bp BETWEEN 0 AND 10000
          AND (buy_now_price IS NULL OR buy_now_price >= greatest(start_price, reserve_price))),
	CONSTRAINT "auction_lots_time_ck" CHECK (ends_at > starts_at AND extend_window_seconds BETWEEN 0 AND 3600 AND extend_by_seconds BETWEEN 0 AND 3600
          AND max_extensions BETWEEN 0 AND 100 AND extensions <= max_extensions)
);
--> statement-breakpoint
CREATE TABLE "auction_standings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_mutation_id" uuid,
	"lot_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"my_bid" bigint NOT NULL,
	"held" bigint DEFAULT 0 NOT NULL,
	"is_leading" boolean DEFAULT false NOT NULL,
	"last_bid_at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" text,
	"price_paid" bigint,
	CONSTRAINT "auction_standings_money_ck" CHECK (my_bid > 0 AND held >= 0)
);
--> statement-breakpoint
CREATE TABLE "commission_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_mutation_id" uuid,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"rate_bp" integer DEFAULT 0 NOT NULL,
	"flat_amount" bigint DEFAULT 0 NOT NULL,
	"level" integer DEFAULT 1 NOT NULL,
	"grade" text,
	"partner_kind" text,
	"hold_days" integer DEFAULT 30 NOT NULL,
	"priority" integer DEFAULT 100 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "commission_rules_kind_ck" CHECK (kind IN ('percent_of_deal', 'flat_per_lead')),
	CONSTRAINT "commission_rules_values_ck" CHECK (rate_bp BETWEEN 0 AND 10000 AND flat_amount >= 0 AND level IN (1, 2) AND hold_days BETWEEN 0 AND 365)
);
--> statement-breakpoint
CREATE TABLE "commissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_mutation_id" uuid,
	"partner_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"attribution_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"level" integer NOT NULL,
	"client_id" uuid NOT NULL,
	"deal_id" uuid,
	"base_amount" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"hold_until" timestamp with time zone NOT NULL,
	"approved_at" timestamp with time zone,
	"reversed_at" timestamp with time zone,
	CONSTRAINT "commissions_status_ck" CHECK (status IN ('pending', 'approved', 'reversed', 'clawed_back')),
	CONSTRAINT "commissions_amount_ck" CHECK (amount > 0 AND base_amount >= 0)
);
--> statement-breakpoint
CREATE TABLE "lead_distributions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_mutation_id" uuid,
	"client_id" uuid NOT NULL,
	"deal_id" uuid,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"territory" text,
	"category" text,
	"budget_band" text,
	"accept_within_seconds" integer DEFAULT 7200 NOT NULL,
	"claim_fanout" integer DEFAULT 3 NOT NULL,
	"assigned_partner_id" uuid,
	"declined_partner_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	CONSTRAINT "lead_distributions_mode_ck" CHECK (mode IN ('manual', 'round_robin', 'claim', 'auction')),
	CONSTRAINT "lead_distributions_status_ck" CHECK (status IN ('offered', 'assigned', 'auction', 'unassigned', 'cancelled')),
	CONSTRAINT "lead_distributions_accept_ck" CHECK (accept_within_seconds BETWEEN 10 AND 604800),
	CONSTRAINT "lead_distributions_fanout_ck" CHECK (claim_fanout BETWEEN 1 AND 20)
);
--> statement-breakpoint
CREATE TABLE "lead_offers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_mutation_id" uuid,
	"distribution_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"kind" text DEFAULT 'assignment' NOT NULL,
	"status" text DEFAULT 'offered' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"responded_by" uuid,
	"decline_reason" text,
	"preview" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "lead_offers_kind_ck" CHECK (kind IN ('assignment', 'claim')),
	CONSTRAINT "lead_offers_status_ck" CHECK (status IN ('offered', 'accepted', 'declined', 'expired', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"partner_id" uuid,
	"kind" text NOT NULL,
	"currency" text DEFAULT 'RUB' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_kind_ck" CHECK (kind IN ('wallet', 'held', 'pending', 'payout_pending', 'owed', 'cash', 'auction_revenue', 'commission_expense', 'adjustments'))
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_mutation_id" uuid,
	"kind" text NOT NULL,
	"partner_id" uuid,
	"amount" bigint NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"ref_type" text,
	"ref_id" uuid,
	"event_key" text,
	"created_by" uuid,
	CONSTRAINT "ledger_entries_kind_ck" CHECK (kind IN ('deposit', 'hold', 'release', 'charge', 'accrual', 'approval', 'reversal', 'clawback', 'payout_request', 'payout_reject', 'payout_paid', 'adjustment')),
	CONSTRAINT "ledger_entries_amount_ck" CHECK (amount >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_postings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_mutation_id" uuid,
	"entry_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"partner_id" uuid,
	"account_kind" text NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "ledger_postings_amount_ck" CHECK (amount <> 0)
);
--> statement-breakpoint
CREATE TABLE "partner_invites" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_mutation_id" uuid,
	"partner_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text DEFAULT 'manager' NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_user_id" uuid,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "partner_invites_role_ck" CHECK (role IN ('owner', 'manager'))
);
--> statement-breakpoint
CREATE TABLE "partner_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_mutation_id" uuid,
	"partner_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text DEFAULT 'manager' NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "partner_members_role_ck" CHECK (role IN ('owner', 'manager'))
);
--> statement-breakpoint
CREATE TABLE "payout_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_mutation_id" uuid,
	"partner_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"reference" text,
	"note" text,
	CONSTRAINT "payout_requests_status_ck" CHECK (status IN ('requested', 'approved', 'paid', 'rejected')),
	CONSTRAINT "payout_requests_amount_ck" CHECK (amount > 0)
);
--> statement-breakpoint
CREATE TABLE "referral_attributions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_mutation_id" uuid,
	"partner_id" uuid NOT NULL,
	"code_id" uuid,
	"subject_type" text NOT NULL,
	"client_id" uuid,
	"referred_partner_id" uuid,
	"protected_until" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	CONSTRAINT "referral_attributions_subject_ck" CHECK (subject_type IN ('client', 'partner')),
	CONSTRAINT "referral_attributions_status_ck" CHECK (status IN ('active', 'superseded')),
	CONSTRAINT "referral_attributions_target_ck" CHECK ((subject_type = 'client' AND client_id IS NOT NULL AND referred_partner_id IS NULL)
          OR (subject_type = 'partner' AND referred_partner_id IS NOT NULL AND client_id IS NULL))
);
--> statement-breakpoint
CREATE TABLE "referral_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_mutation_id" uuid,
	"partner_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text,
	"active" boolean DEFAULT true NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "kind" text DEFAULT 'partner' NOT NULL;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "territory" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "grade" text DEFAULT 'bronze' NOT NULL;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "contacts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "auction_bids" ADD CONSTRAINT "auction_bids_lot_id_auction_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."auction_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_bids" ADD CONSTRAINT "auction_bids_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_bids" ADD CONSTRAINT "auction_bids_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_lots" ADD CONSTRAINT "auction_lots_distribution_id_lead_distributions_id_fk" FOREIGN KEY ("distribution_id") REFERENCES "public"."lead_distributions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_lots" ADD CONSTRAINT "auction_lots_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_lots" ADD CONSTRAINT "auction_lots_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_lots" ADD CONSTRAINT "auction_lots_leader_partner_id_partners_id_fk" FOREIGN KEY ("leader_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_lots" ADD CONSTRAINT "auction_lots_winner_partner_id_partners_id_fk" FOREIGN KEY ("winner_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_lots" ADD CONSTRAINT "auction_lots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_standings" ADD CONSTRAINT "auction_standings_lot_id_auction_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."auction_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_standings" ADD CONSTRAINT "auction_standings_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_rule_id_commission_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."commission_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_attribution_id_referral_attributions_id_fk" FOREIGN KEY ("attribution_id") REFERENCES "public"."referral_attributions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_distributions" ADD CONSTRAINT "lead_distributions_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_distributions" ADD CONSTRAINT "lead_distributions_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_distributions" ADD CONSTRAINT "lead_distributions_assigned_partner_id_partners_id_fk" FOREIGN KEY ("assigned_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_distributions" ADD CONSTRAINT "lead_distributions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_offers" ADD CONSTRAINT "lead_offers_distribution_id_lead_distributions_id_fk" FOREIGN KEY ("distribution_id") REFERENCES "public"."lead_distributions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_offers" ADD CONSTRAINT "lead_offers_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_offers" ADD CONSTRAINT "lead_offers_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_entry_id_ledger_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_invites" ADD CONSTRAINT "partner_invites_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_invites" ADD CONSTRAINT "partner_invites_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_invites" ADD CONSTRAINT "partner_invites_accepted_user_id_users_id_fk" FOREIGN KEY ("accepted_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_members" ADD CONSTRAINT "partner_members_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_members" ADD CONSTRAINT "partner_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_requests" ADD CONSTRAINT "payout_requests_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_requests" ADD CONSTRAINT "payout_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_requests" ADD CONSTRAINT "payout_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_attributions" ADD CONSTRAINT "referral_attributions_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_attributions" ADD CONSTRAINT "referral_attributions_code_id_referral_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."referral_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_attributions" ADD CONSTRAINT "referral_attributions_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_attributions" ADD CONSTRAINT "referral_attributions_referred_partner_id_partners_id_fk" FOREIGN KEY ("referred_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_codes" ADD CONSTRAINT "referral_codes_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auction_bids_lot_idx" ON "auction_bids" USING btree ("lot_id","amount");--> statement-breakpoint
CREATE INDEX "auction_bids_partner_idx" ON "auction_bids" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "auction_listings_status_idx" ON "auction_listings" USING btree ("status","ends_at");--> statement-breakpoint
CREATE INDEX "auction_lots_due_idx" ON "auction_lots" USING btree ("ends_at") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "auction_lots_client_idx" ON "auction_lots" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "auction_standings_uq" ON "auction_standings" USING btree ("lot_id","partner_id");--> statement-breakpoint
CREATE INDEX "auction_standings_partner_idx" ON "auction_standings" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "commissions_partner_idx" ON "commissions" USING btree ("partner_id","status");--> statement-breakpoint
CREATE INDEX "commissions_due_idx" ON "commissions" USING btree ("hold_until") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "commissions_deal_live_uq" ON "commissions" USING btree ("deal_id","partner_id","level") WHERE status IN ('pending', 'approved') AND deal_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "commissions_lead_uq" ON "commissions" USING btree ("client_id","partner_id","level") WHERE kind = 'flat_per_lead';--> statement-breakpoint
CREATE INDEX "lead_distributions_client_idx" ON "lead_distributions" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_distributions_live_uq" ON "lead_distributions" USING btree ("client_id") WHERE status IN ('offered', 'auction');--> statement-breakpoint
CREATE INDEX "lead_offers_partner_idx" ON "lead_offers" USING btree ("partner_id","status");--> statement-breakpoint
CREATE INDEX "lead_offers_due_idx" ON "lead_offers" USING btree ("expires_at") WHERE status = 'offered';--> statement-breakpoint
CREATE UNIQUE INDEX "lead_offers_live_uq" ON "lead_offers" USING btree ("distribution_id","partner_id") WHERE status = 'offered';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_key_uq" ON "ledger_accounts" USING btree ("key");--> statement-breakpoint
CREATE INDEX "ledger_accounts_partner_idx" ON "ledger_accounts" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_event_uq" ON "ledger_entries" USING btree ("event_key");--> statement-breakpoint
CREATE INDEX "ledger_entries_partner_idx" ON "ledger_entries" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "ledger_entries_ref_idx" ON "ledger_entries" USING btree ("ref_type","ref_id");--> statement-breakpoint
CREATE INDEX "ledger_postings_account_idx" ON "ledger_postings" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "ledger_postings_entry_idx" ON "ledger_postings" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "ledger_postings_partner_idx" ON "ledger_postings" USING btree ("partner_id","account_kind");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_invites_token_uq" ON "partner_invites" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "partner_invites_partner_idx" ON "partner_invites" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_members_user_uq" ON "partner_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "partner_members_partner_idx" ON "partner_members" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "payout_requests_partner_idx" ON "payout_requests" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "referral_attributions_partner_idx" ON "referral_attributions" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_attributions_client_uq" ON "referral_attributions" USING btree ("client_id") WHERE status = 'active' AND client_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "referral_attributions_partner_uq" ON "referral_attributions" USING btree ("referred_partner_id") WHERE status = 'active' AND referred_partner_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "referral_codes_code_uq" ON "referral_codes" USING btree (upper("code"));--> statement-breakpoint
CREATE INDEX "referral_codes_partner_idx" ON "referral_codes" USING btree ("partner_id");--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_kind_ck" CHECK ("partners"."kind" IN ('partner', 'franchisee'));--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_grade_ck" CHECK ("partners"."grade" IN ('bronze', 'silver', 'gold'));--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_status_ck" CHECK ("partners"."status" IN ('pending', 'active', 'suspended'));--> statement-breakpoint
-- Hand-written (issue 5): row bookkeeping, audit and change capture for the partner-economy tables, the public
-- projection of auction lots, and the ledger's own guarantees (balanced entries, no negative available balance,
-- append-only history), enforced by the database so no code path can skip them.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['partner_members', 'partner_invites', 'lead_distributions', 'lead_offers', 'auction_lots',
                           'auction_listings', 'auction_standings', 'auction_bids', 'ledger_entries', 'ledger_postings',
                           'payout_requests', 'referral_codes', 'referral_attributions', 'commission_rules',
                           'commissions'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION mak_touch()', t || '_touch', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW EXECUTE FUNCTION mak_stamp_mutation()',
                   t || '_stamp', t);
  END LOOP;
  -- Audited: the records people decide on. Bids, postings and entries are immutable histories of their own;
  -- listings and standings are projections.
  FOREACH t IN ARRAY ARRAY['partner_members', 'partner_invites', 'lead_distributions', 'lead_offers', 'auction_lots',
                           'payout_requests', 'referral_codes', 'referral_attributions', 'commission_rules',
                           'commissions'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION mak_audit()',
                   t || '_audit', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- The English step: max(min_increment, ceil(current × bp / 10 000)). sync-server/src/modules/auction/rules.ts
-- computes the same.
CREATE OR REPLACE FUNCTION mak_auction_step(current_price bigint, min_increment bigint, bp integer) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
  SELECT greatest(min_increment, (current_price * bp + 9999) / 10000)
$$;
--> statement-breakpoint
-- auction_listings mirrors what anyone eligible may know of a lot: never the reserve, the lead, the leader or a
-- sealed bid. Written in the lot's own transaction, so a listing is never ahead of or behind its lot.
CREATE OR REPLACE FUNCTION mak_auction_listing() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  english boolean := NEW.type = 'english';
  next_bid bigint;
BEGIN
  next_bid := CASE WHEN english AND NEW.current_price IS NOT NULL
                   THEN NEW.current_price + mak_auction_step(NEW.current_price, NEW.min_increment, NEW.min_increment_bp)
                   ELSE greatest(NEW.start_price, 1) END;
  INSERT INTO auction_listings AS l (id, type, status, title, territory, preview, currency, start_price, current_price,
    min_next_bid, buy_now_price, reserve_met, bid_count, starts_at, ends_at, extensions, max_extensions, closed_at)
  VALUES (NEW.id, NEW.type, NEW.status, NEW.title, NEW.territory, NEW.preview, NEW.currency, NEW.start_price,
    CASE WHEN english THEN NEW.current_price END, next_bid, NEW.buy_now_price,
    english AND NEW.current_price IS NOT NULL AND NEW.current_price >= NEW.reserve_price,
    NEW.bid_count, NEW.starts_at, NEW.ends_at, NEW.extensions, NEW.max_extensions, NEW.closed_at)
  ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, status = EXCLUDED.status, title = EXCLUDED.title,
    territory = EXCLUDED.territory, preview = EXCLUDED.preview, currency = EXCLUDED.currency,
    start_price = EXCLUDED.start_price, current_price = EXCLUDED.current_price, min_next_bid = EXCLUDED.min_next_bid,
    buy_now_price = EXCLUDED.buy_now_price, reserve_met = EXCLUDED.reserve_met, bid_count = EXCLUDED.bid_count,
    starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, extensions = EXCLUDED.extensions,
    max_extensions = EXCLUDED.max_extensions, closed_at = EXCLUDED.closed_at
  WHERE (l.status, l.current_price, l.min_next_bid, l.bid_count, l.ends_at, l.extensions, l.closed_at, l.title,
         l.preview, l.buy_now_price, l.reserve_met)
        IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.current_price, EXCLUDED.min_next_bid, EXCLUDED.bid_count,
         EXCLUDED.ends_at, EXCLUDED.extensions, EXCLUDED.closed_at, EXCLUDED.title, EXCLUDED.preview,
         EXCLUDED.buy_now_price, EXCLUDED.reserve_met);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER auction_lots_listing AFTER INSERT OR UPDATE ON auction_lots FOR EACH ROW EXECUTE FUNCTION mak_auction_listing();
--> statement-breakpoint
-- History is append-only: a mistake is corrected by a new entry (an adjustment, a reversal), never by an edit.
CREATE OR REPLACE FUNCTION mak_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION mak_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings FOR EACH ROW EXECUTE FUNCTION mak_append_only();
--> statement-breakpoint
CREATE TRIGGER auction_bids_append_only BEFORE UPDATE OR DELETE ON auction_bids FOR EACH ROW EXECUTE FUNCTION mak_append_only();
--> statement-breakpoint
-- At commit: every entry touched sums to zero, and no partner account is on the wrong side of zero (wallet, held,
-- pending and payout_pending never below it; owed, a debt, never above). The code checks first and says why;
-- this makes a bug abort the transaction instead of losing money.
CREATE OR REPLACE FUNCTION mak_ledger_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  unbalanced bigint;
  bal bigint;
BEGIN
  SELECT coalesce(sum(amount), 0) INTO unbalanced FROM ledger_postings WHERE entry_id = NEW.entry_id;
  IF unbalanced <> 0 THEN
    RAISE EXCEPTION 'ledger entry % does not balance (%)', NEW.entry_id, unbalanced USING ERRCODE = '23514';
  END IF;
  IF NEW.partner_id IS NOT NULL THEN
    SELECT coalesce(sum(amount), 0) INTO bal FROM ledger_postings WHERE account_id = NEW.account_id;
    IF (NEW.account_kind = 'owed' AND bal > 0) OR (NEW.account_kind <> 'owed' AND bal < 0) THEN
      RAISE EXCEPTION 'ledger account % (%) would be %', NEW.account_id, NEW.account_kind, bal USING ERRCODE = '23514';
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_postings_check AFTER INSERT ON ledger_postings DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION mak_ledger_check();
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['partner_members', 'lead_distributions', 'lead_offers', 'auction_lots', 'auction_listings',
                           'auction_standings', 'auction_bids', 'ledger_entries', 'ledger_postings', 'payout_requests',
                           'referral_codes', 'referral_attributions', 'commission_rules', 'commissions'] LOOP
    PERFORM sync_install_capture(t::regclass, '{}');
  END LOOP;
  -- The invite token's hash never enters the change log.
  PERFORM sync_install_capture('partner_invites'::regclass, ARRAY['token_hash']);
END $$;
--> statement-breakpoint
-- Databases made before this migration already have their built-in roles: give them the new defaults (fresh
-- databases get them from ensureBuiltinRoles, which runs after migrations).
INSERT INTO role_permissions (id, role_id, resource, action, scope)
SELECT gen_random_uuid(), r.id, g.resource, g.action, g.scope
FROM roles r
JOIN (VALUES
  ('admin', 'leads', 'read', 'all'), ('admin', 'leads', 'create', 'all'), ('admin', 'leads', 'update', 'all'),
  ('admin', 'leads', 'delete', 'all'), ('admin', 'auctions', 'read', 'all'), ('admin', 'auctions', 'create', 'all'),
  ('admin', 'auctions', 'update', 'all'), ('admin', 'auctions', 'delete', 'all'), ('admin', 'ledger', 'read', 'all'),
  ('admin', 'ledger', 'create', 'all'), ('admin', 'ledger', 'update', 'all'), ('admin', 'ledger', 'delete', 'all'),
  ('admin', 'referrals', 'read', 'all'), ('admin', 'referrals', 'create', 'all'),
  ('admin', 'referrals', 'update', 'all'), ('admin', 'referrals', 'delete', 'all'),
  ('admin', 'payouts', 'read', 'all'), ('admin', 'payouts', 'create', 'all'), ('admin', 'payouts', 'update', 'all'),
  ('admin', 'payouts', 'delete', 'all'),
  ('manager', 'leads', 'read', 'all'), ('manager', 'leads', 'create', 'all'), ('manager', 'leads', 'update', 'all'),
  ('manager', 'auctions', 'read', 'all'), ('manager', 'auctions', 'create', 'all'),
  ('manager', 'auctions', 'update', 'all'), ('manager', 'ledger', 'read', 'all'),
  ('manager', 'referrals', 'read', 'all'), ('manager', 'payouts', 'read', 'all'),
  ('partner', 'leads', 'read', 'partner'), ('partner', 'leads', 'update', 'partner'),
  ('partner', 'auctions', 'read', 'partner'), ('partner', 'auctions', 'create', 'partner'),
  ('partner', 'referrals', 'read', 'partner'), ('partner', 'referrals', 'create', 'partner'),
  ('partner', 'payouts', 'read', 'partner'), ('partner', 'payouts', 'create', 'partner'),
  ('partner', 'ledger', 'read', 'partner')
) AS g(role_key, resource, action, scope) ON g.role_key = r.key AND r.builtin
ON CONFLICT (role_id, resource, action) DO NOTHING;
