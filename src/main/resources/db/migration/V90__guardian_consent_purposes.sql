-- Guardian consents, one record per (user, purpose) grant, kept after withdrawal as proof.
-- Every minor (under accounts.minorAge, default 18; under 14 always) needs a consent for the
-- purpose 'account' before the account is active (privacy policy section VI item 1, PIPL Art. 31);
-- 16 to 18-year-olds need one for 'hosting' before they create or start a live room; any new
-- processing purpose for minors gets its own purpose here (policy item 6), granted by the guardian,
-- never by the minor. A withdrawn record stays (withdrawn_at set) so the history can be shown; at
-- most one record per (user, purpose) is in force. evidence_ref points at the support ticket or
-- signed form that identified the guardian; rows are exported with the account and deleted at erasure.
ALTER TABLE guardian_consents DROP CONSTRAINT guardian_consents_pkey;
ALTER TABLE guardian_consents ADD COLUMN id BIGSERIAL PRIMARY KEY;
ALTER TABLE guardian_consents ADD COLUMN purpose TEXT NOT NULL DEFAULT 'account'
  CHECK (purpose ~ '^[a-z][a-z_]{0,31}$');
ALTER TABLE guardian_consents ADD COLUMN withdrawn_at TIMESTAMPTZ;
ALTER TABLE guardian_consents ADD COLUMN withdrawn_by BIGINT;
ALTER TABLE guardian_consents ADD COLUMN withdrawal_ref TEXT;
CREATE UNIQUE INDEX guardian_consents_in_force ON guardian_consents (user_id, purpose) WHERE withdrawn_at IS NULL;
CREATE INDEX guardian_consents_user_idx ON guardian_consents (user_id);
