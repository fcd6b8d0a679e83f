-- Hosts' withdrawal requests of bean earnings. Requesting moves the beans to the withdrawal
-- pending account; an admin then approves (moved to payout: paid) or rejects (released back to
-- the host). Each step is its own ledger transaction, referenced here.
CREATE TABLE withdrawals (
  id             BIGSERIAL PRIMARY KEY,
  host_id        BIGINT NOT NULL,
  beans          BIGINT NOT NULL CHECK (beans > 0),
  status         TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'rejected')),
  request_tx_id  BIGINT NOT NULL REFERENCES ledger_transactions (id),
  decision_tx_id BIGINT REFERENCES ledger_transactions (id),
  decided_by     BIGINT,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  decided_at     TIMESTAMPTZ
);
CREATE INDEX withdrawals_host_idx ON withdrawals (host_id, id);
CREATE INDEX withdrawals_pending_idx ON withdrawals (id) WHERE status = 'pending';

