-- Youth mode's time used per user, kind ('live', 'ai') and day (in the user's own time zone), in
-- ms. The daily totals are counted in Redis (shared by every node); each usage tick copies them
-- here, so a Redis restart that loses the counters does not hand a youth user a fresh day's
-- allowance: a missing counter is rebuilt from this row before it is used. Only the last few days
-- are kept (older rows are pruned as the user's new ones are written); erasure deletes them.
CREATE TABLE youth_usage (
  user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('live', 'ai')),
  day        DATE NOT NULL,
  used_ms    BIGINT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, kind, day)
);
