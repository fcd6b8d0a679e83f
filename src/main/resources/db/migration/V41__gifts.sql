-- The gift catalog: what viewers can send, its price in coins and the animation tier the app
-- plays. Inactive gifts stay (past gift events reference them) but cannot be sent.
CREATE TABLE gift_catalog (
  id             BIGSERIAL PRIMARY KEY,
  name           TEXT NOT NULL,
  price_coins    BIGINT NOT NULL CHECK (price_coins > 0),
  animation_tier INT NOT NULL CHECK (animation_tier BETWEEN 0 AND 9),
  active         BOOLEAN NOT NULL DEFAULT true,
  sort_order     INT NOT NULL DEFAULT 0,
  updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- What each gift transaction was: sender, host, room, live session, gift and count, plus the
-- sender's balance right after it (so a replayed request id answers exactly as the first time).
-- The leaderboards are rebuilt from this table, so Redis can be lost without loss of truth.
-- gift_id has no foreign key on purpose: a popular gift's catalog row would otherwise be share-locked
-- by every concurrent send; catalog rows are never deleted (only deactivated).
CREATE TABLE gift_events (
  tx_id                BIGINT PRIMARY KEY REFERENCES ledger_transactions (id),
  sender_id            BIGINT NOT NULL,
  host_id              BIGINT NOT NULL,
  room_id              BIGINT NOT NULL,
  live_session_id      BIGINT NOT NULL,
  gift_id              BIGINT NOT NULL,
  gift_count           INT NOT NULL CHECK (gift_count > 0),
  coins                BIGINT NOT NULL CHECK (coins > 0),
  beans                BIGINT NOT NULL CHECK (beans >= 0),
  request_id           TEXT NOT NULL,
  sender_balance_after BIGINT NOT NULL,
  created_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TRIGGER gift_events_append_only BEFORE UPDATE OR DELETE ON gift_events
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

INSERT INTO gift_catalog (name, price_coins, animation_tier, sort_order) VALUES
  ('Rose', 1, 0, 10), ('Heart', 10, 1, 20), ('Rocket', 500, 5, 30), ('Castle', 5000, 9, 40);
