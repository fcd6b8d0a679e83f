-- push_devices: the mobile push tokens users registered (one row per token), so a notification can
-- reach their phones. A token names one app install, so it belongs to one user at a time: the user
-- who registered it last. Each row is bound to the login session that registered it, so logging out
-- or revoking that session removes it; a token the provider reports invalid is removed too.
CREATE TABLE push_devices (
  id          BIGSERIAL PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  session_id  UUID NOT NULL,
  platform    TEXT NOT NULL CHECK (platform IN ('android', 'ios')),
  provider    TEXT NOT NULL CHECK (provider IN ('fcm', 'apns')),
  token       TEXT NOT NULL UNIQUE,
  app_id      TEXT,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX push_devices_user ON push_devices (user_id, updated_at DESC);
CREATE INDEX push_devices_session ON push_devices (session_id);
CREATE INDEX push_devices_updated ON push_devices (updated_at);
