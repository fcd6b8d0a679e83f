-- The consent ledger: one row per decision a user makes about one processing purpose (granted or
-- withdrawn), with the privacy-policy version shown and where the decision was made. Rows are
-- never updated or deleted (a trigger refuses it): the ledger is the proof of what the user agreed
-- to and when, it belongs in their data export, and the current state is simply the latest row.
CREATE TABLE consent_records (
  id             BIGSERIAL PRIMARY KEY,
  user_id        BIGINT NOT NULL REFERENCES users (id),
  purpose        TEXT NOT NULL
                 CHECK (purpose IN ('location', 'personalized_recommendations', 'marketing_notifications')),
  granted        BOOLEAN NOT NULL,
  policy_version TEXT NOT NULL,
  source         TEXT NOT NULL CHECK (source IN ('app', 'web', 'api')),
  at             TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX consent_records_current_idx ON consent_records (user_id, purpose, id DESC);

CREATE FUNCTION consent_records_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'consent_records is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER consent_records_no_update_or_delete
  BEFORE UPDATE OR DELETE ON consent_records
  FOR EACH ROW EXECUTE FUNCTION consent_records_append_only();

-- The current state per user and purpose: the latest decision. "May we use X for Y now" is a row
-- here with granted = true; no row means never asked, which counts as not granted.
CREATE VIEW current_consents AS
  SELECT DISTINCT ON (user_id, purpose) user_id, purpose, granted, policy_version, source, at
  FROM consent_records
  ORDER BY user_id, purpose, id DESC;
