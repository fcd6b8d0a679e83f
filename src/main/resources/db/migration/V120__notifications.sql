-- The notification inbox: one row per item a user sees in the app (a followed host went live, a
-- new follower, a gift received, a moderation action on them, a privacy event, and activity on
-- their posts). actor_id is who caused it (an id only; names are looked up when listed, so an
-- erased actor leaves no name behind). subject names what it is about (room/<id>, post/<id>, ...).
-- dedupe_key makes a delivery idempotent: one row per user and key (for example live/<session id>
-- for a going-live fan-out), so a job retried after a node died never notifies anyone twice.
-- id orders the inbox newest first and is the paging cursor. Rows older than the configured
-- retention are purged.
CREATE TABLE notifications (
  id         BIGSERIAL PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES users (id),
  kind       TEXT NOT NULL,
  actor_id   BIGINT,
  subject    TEXT,
  payload    JSONB NOT NULL DEFAULT '{}'::jsonb,
  dedupe_key TEXT,
  read_at    TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX notifications_dedupe_idx ON notifications (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX notifications_inbox_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_created_idx ON notifications (created_at);

-- Per user and kind: whether the kind lands in the inbox (in_app) and whether it is pushed to the
-- user's devices (push). No row means both on.
CREATE TABLE notification_settings (
  user_id BIGINT NOT NULL REFERENCES users (id),
  kind    TEXT NOT NULL,
  in_app  BOOLEAN NOT NULL DEFAULT true,
  push    BOOLEAN NOT NULL DEFAULT true,
  PRIMARY KEY (user_id, kind)
);

-- Quiet hours: no push between start and end (minutes after midnight in the user's time zone);
-- items still land in the inbox. No row means no quiet hours.
CREATE TABLE notification_quiet_hours (
  user_id      BIGINT PRIMARY KEY REFERENCES users (id),
  start_minute SMALLINT NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute   SMALLINT NOT NULL CHECK (end_minute BETWEEN 0 AND 1439),
  time_zone    TEXT NOT NULL
);

-- Hosts whose going-live notifications a user has muted (they still follow them).
CREATE TABLE notification_muted_hosts (
  user_id    BIGINT NOT NULL REFERENCES users (id),
  host_id    BIGINT NOT NULL REFERENCES users (id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, host_id)
);
