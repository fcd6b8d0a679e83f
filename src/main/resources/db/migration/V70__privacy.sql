-- Data export jobs (the right of access and copy). The document is a file under data.dir, downloaded
-- through a link signed with the server's secret that stops working at expires_at. Rows of a day are counted for the per-day limit; expired files are deleted by the privacy scheduler.
-- requested_by differs from user_id when an administrator exported on a guardian's request.
CREATE TABLE data_exports (
  id           UUID PRIMARY KEY,
  user_id      BIGINT NOT NULL REFERENCES users (id),
  requested_by BIGINT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('pending', 'ready', 'failed', 'expired')),
  requested_at TIMESTAMPTZ NOT NULL,
  ready_at     TIMESTAMPTZ,
  expires_at   TIMESTAMPTZ,
  size_bytes   BIGINT,
  failure      TEXT
);

CREATE INDEX data_exports_user_idx ON data_exports (user_id, requested_at);
CREATE INDEX data_exports_expiry_idx ON data_exports (expires_at) WHERE status = 'ready';

-- Account cancellations and their cooling-off period. One row per account (a withdrawn request can
-- be made again). The erasure job claims due rows with FOR UPDATE SKIP LOCKED, so every node may run
-- it and each account is erased by exactly one of them (erased_by_node says which). A failed erasure
-- rolls back and is retried after next_attempt_at, so one broken account cannot hold up the others.
CREATE TABLE account_cancellations (
  user_id         BIGINT PRIMARY KEY REFERENCES users (id),
  status          TEXT NOT NULL CHECK (status IN ('pending', 'withdrawn', 'erased')),
  requested_at    TIMESTAMPTZ NOT NULL,
  requested_by    BIGINT NOT NULL,
  erase_after     TIMESTAMPTZ NOT NULL,
  previous_status TEXT NOT NULL,
  withdrawn_at    TIMESTAMPTZ,
  erased_at       TIMESTAMPTZ,
  erased_by_node  TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ
);

CREATE INDEX account_cancellations_due_idx ON account_cancellations (erase_after) WHERE status = 'pending';

-- Reports (complaints) against a user, a room or a chat message, and the moderation queue over
-- them. target_user_id is resolved at filing time for rooms (the host) and messages (the sender),
-- so the queue can act on a person. The reporter sees status, action and outcome, never the
-- moderator's identity.
CREATE TABLE reports (
  id              BIGSERIAL PRIMARY KEY,
  reporter_id     BIGINT NOT NULL REFERENCES users (id),
  target_user_id  BIGINT,
  room_id         BIGINT,
  message_id      BIGINT,
  reason          TEXT NOT NULL CHECK (reason IN ('spam', 'harassment', 'hate', 'sexual', 'violence',
                                                  'minor_safety', 'fraud', 'illegal', 'other')),
  details         TEXT,
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'actioned', 'dismissed')),
  action          TEXT CHECK (action IN ('warn', 'mute', 'ban', 'close_room')),
  outcome         TEXT,
  handled_by      BIGINT,
  created_at      TIMESTAMPTZ NOT NULL,
  handled_at      TIMESTAMPTZ
);

CREATE INDEX reports_queue_idx ON reports (status, id);
CREATE INDEX reports_reporter_idx ON reports (reporter_id, id);

-- Privacy-policy acceptances, append-only: which version a user accepted, when and from where.
-- users.policy_version holds the latest for the per-request check; this is the record behind it.
CREATE TABLE policy_acceptances (
  id             BIGSERIAL PRIMARY KEY,
  user_id        BIGINT NOT NULL REFERENCES users (id),
  policy_version TEXT NOT NULL,
  accepted_at    TIMESTAMPTZ NOT NULL,
  ip             TEXT
);

CREATE INDEX policy_acceptances_user_idx ON policy_acceptances (user_id, id);
