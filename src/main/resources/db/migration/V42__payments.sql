-- Top-up products the app offers: coins for a price in the store's currency (minor units).
CREATE TABLE topup_products (
  id           TEXT PRIMARY KEY,
  coins        BIGINT NOT NULL CHECK (coins > 0),
  price_minor  BIGINT NOT NULL CHECK (price_minor > 0),
  currency     TEXT NOT NULL,
  active       BOOLEAN NOT NULL DEFAULT true,
  sort_order   INT NOT NULL DEFAULT 0
);

-- Payment provider events we accepted, by the provider's event id (unique), so a delivered-twice
-- webhook is acknowledged but credits once. tx_id is the recharge's ledger transaction.
CREATE TABLE payment_events (
  provider_event_id TEXT PRIMARY KEY,
  user_id           BIGINT NOT NULL,
  product_id        TEXT NOT NULL REFERENCES topup_products (id),
  coins             BIGINT NOT NULL CHECK (coins > 0),
  tx_id             BIGINT NOT NULL REFERENCES ledger_transactions (id),
  received_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO topup_products (id, coins, price_minor, currency, sort_order) VALUES
  ('coins_60', 60, 600, 'CNY', 10), ('coins_300', 300, 3000, 'CNY', 20),
  ('coins_980', 980, 9800, 'CNY', 30), ('coins_6480', 6480, 64800, 'CNY', 40);
