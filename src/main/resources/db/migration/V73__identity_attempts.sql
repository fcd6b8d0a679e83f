-- Real-name verification attempts: one row per attempt allowed through to the eKYC provider
-- (each call is paid), so the per-user daily limit (accounts.identity.maxAttemptsPerDay) is counted
-- in the database and survives a Redis flush or failover. Only the last 24 hours are counted; older
-- rows are deleted by the next attempt of the same user. Holds no personal data beyond the user id.
CREATE TABLE identity_attempts (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX identity_attempts_user_idx ON identity_attempts (user_id, at);
