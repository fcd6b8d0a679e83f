-- Youth mode settings, one row per user who has touched them. Without a row, youth mode is on for
-- a minor (by the stored birth date) and off for an adult. enabled is the explicit choice: an adult
-- turned it on (password_hash, an Argon2id PHC string of the separate youth-mode password, is then
-- required to turn it off), or a guardian turned it off for a minor (guardian_evidence_ref names the
-- out-of-band evidence). time_zone is the IANA zone whose day and night the daily limits and the
-- curfew follow; null means youth.defaultTimeZone.
CREATE TABLE youth_settings (
  user_id               BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  enabled               BOOLEAN NOT NULL,
  password_hash         TEXT,
  time_zone             TEXT,
  guardian_evidence_ref TEXT,
  updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
