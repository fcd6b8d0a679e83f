-- Ledger accounts: one row per (kind, owner). A user's coin wallet and a host's bean earnings are
-- owned by the user; platform revenue, bean issuance, recharge clearing, admin adjustments and the
-- withdrawal pending/payout accounts are system accounts (owner_id NULL). balance is kept in step
-- with ledger_entries: inline in the posting transaction for "inline" accounts, and by the balance
-- folder for "deferred" accounts (hot accounts every gift credits; see ledger_unfolded).
-- The spent_* columns hold the wallet's gift spending in the current UTC day and month, so the
-- per-day/per-month caps are checked by the same conditional UPDATE that debits the balance.
CREATE TABLE ledger_accounts (
  id                BIGSERIAL PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('user_coins', 'host_beans', 'platform_revenue',
                      'bean_issuance', 'recharge_clearing', 'admin_adjustment', 'withdrawal_pending',
                      'withdrawal_payout')),
  owner_id          BIGINT,
  currency          TEXT NOT NULL CHECK (currency IN ('coin', 'bean')),
  balance           BIGINT NOT NULL DEFAULT 0,
  deferred          BOOLEAN NOT NULL DEFAULT false,
  may_go_negative   BOOLEAN NOT NULL DEFAULT false,
  spent_day         DATE,
  spent_day_coins   BIGINT NOT NULL DEFAULT 0,
  spent_month       DATE,
  spent_month_coins BIGINT NOT NULL DEFAULT 0,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT ledger_accounts_balance_nonnegative CHECK (balance >= 0 OR may_go_negative),
  -- Only the issuing system accounts may be negative: their balance is minus what they issued.
  CONSTRAINT ledger_accounts_negative_only_issuers
    CHECK (NOT may_go_negative OR kind IN ('bean_issuance', 'recharge_clearing', 'admin_adjustment')),
  CONSTRAINT ledger_accounts_owner CHECK ((owner_id IS NULL) = (kind NOT IN ('user_coins', 'host_beans')))
);
CREATE UNIQUE INDEX ledger_accounts_kind_owner_idx ON ledger_accounts (kind, COALESCE(owner_id, 0));

-- One row per movement of value (a gift, a recharge, a withdrawal step, an admin credit).
-- idempotency_key makes each movement happen at most once ("gift:<sender>:<requestId>",
-- "recharge:<provider event id>", ...). Append-only.
CREATE TABLE ledger_transactions (
  id              BIGSERIAL PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('gift', 'recharge', 'admin_credit', 'withdrawal_request',
                    'withdrawal_approve', 'withdrawal_reject')),
  idempotency_key TEXT NOT NULL UNIQUE,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The entries of each transaction: signed amounts that sum to zero per currency within the
-- transaction. Append-only (enforced by trigger below). Indexed by account for statements.
-- Deliberately no foreign key to ledger_accounts: it would take a shared row lock on the account
-- for every entry, and the platform, issuance and hot host accounts are in nearly every gift, so
-- thousands of concurrent gifts would contend on multixact locks of those rows. Reconciliation
-- checks instead that every entry's account exists and has the entry's currency.
CREATE TABLE ledger_entries (
  id         BIGSERIAL PRIMARY KEY,
  tx_id      BIGINT NOT NULL REFERENCES ledger_transactions (id),
  account_id BIGINT NOT NULL,
  currency   TEXT NOT NULL CHECK (currency IN ('coin', 'bean')),
  amount     BIGINT NOT NULL CHECK (amount <> 0)
);
CREATE INDEX ledger_entries_tx_idx ON ledger_entries (tx_id);
CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_id, id);

-- Transactions whose entries on deferred accounts are not yet added to those accounts' balances.
-- A gift inserts its row here in the same transaction as its entries; the balance folder deletes
-- rows and adds their deferred entries to the balances in one transaction, so at every committed
-- state: balance = sum(entries) - sum(entries of transactions listed here), per deferred account.
-- This is what lets thousands of gifts per second credit one host without one row lock per gift.
CREATE TABLE ledger_unfolded (
  tx_id BIGINT PRIMARY KEY REFERENCES ledger_transactions (id)
);

CREATE FUNCTION ledger_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ledger table % is append-only (% refused)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
REVOKE UPDATE, DELETE ON ledger_entries, ledger_transactions FROM PUBLIC;
