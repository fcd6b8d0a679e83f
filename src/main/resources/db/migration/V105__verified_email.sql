-- Verified email. users.email (since V10) holds the address the user gave, unverified;
-- email_verified_at marks it proven by a code mailed to it. A verified address belongs to one
-- account (it may log in when accounts.email.login is on), so verified addresses are unique,
-- compared case-insensitively; unverified ones are not, as nobody proved them.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMPTZ;

CREATE UNIQUE INDEX users_verified_email_idx ON users (lower(email)) WHERE email_verified_at IS NOT NULL;

-- A pending email change: the address asked for and the keyed HMAC of the 6-digit code mailed to
-- it (never the code). One per user, replaced by a new request, deleted once verified and on
-- erasure; expires_at is by the node's clock, and attempts counts wrong codes (dead at
-- accounts.email.maxAttempts). Expired rows are deleted by the privacy retention run.
CREATE TABLE email_verifications (
  user_id    BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  email      TEXT NOT NULL,
  code_hash  TEXT NOT NULL,
  attempts   INT NOT NULL DEFAULT 0,
  expires_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX email_verifications_expiry_idx ON email_verifications (expires_at);
