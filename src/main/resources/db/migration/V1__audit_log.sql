-- Security and administrative events, append-only. Accounts write logins and credential changes,
-- moderation writes its actions, admins' every action lands here, and consent changes too. It is
-- part of a user's data export, so subject_id (whom it is about) is indexed.
CREATE TABLE audit_log (
  id          BIGSERIAL PRIMARY KEY,
  at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  actor_id    BIGINT,
  subject_id  BIGINT,
  action      TEXT NOT NULL,
  target_type TEXT,
  target_id   TEXT,
  ip          TEXT,
  detail      JSONB NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX audit_log_subject_idx ON audit_log (subject_id, at) WHERE subject_id IS NOT NULL;
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at) WHERE actor_id IS NOT NULL;
CREATE INDEX audit_log_action_idx ON audit_log (action, at);
