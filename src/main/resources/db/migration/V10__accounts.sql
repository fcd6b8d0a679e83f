-- Credentials and contact data of users. The phone is personal information: it is stored only
-- encrypted (AES-256-GCM, key id per row, user id as associated data) plus an HMAC blind index
-- that makes lookup and uniqueness possible without the plaintext. password_hash is an Argon2id
-- PHC string. policy_accepted_at records when policy_version was accepted.
ALTER TABLE users
  ADD COLUMN phone_enc          BYTEA,
  ADD COLUMN phone_key_id       TEXT,
  ADD COLUMN phone_idx          BYTEA,
  ADD COLUMN password_hash      TEXT,
  ADD COLUMN email              TEXT,
  ADD COLUMN policy_accepted_at TIMESTAMPTZ;

CREATE UNIQUE INDEX users_phone_idx ON users (phone_idx) WHERE phone_idx IS NOT NULL;

-- Login sessions, one per device login. A session is a refresh-token family: every refresh
-- rotates the token but keeps the session id (the access token's sid). Revoking the session
-- (logout, "sign out that device", reuse of an old refresh token) ends the whole family.
CREATE TABLE sessions (
  id            UUID PRIMARY KEY,
  user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  device_name   TEXT,
  user_agent    TEXT,
  ip            TEXT,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_used_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at    TIMESTAMPTZ NOT NULL,
  revoked_at    TIMESTAMPTZ,
  revoke_reason TEXT
);

CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;

-- Refresh tokens, stored only as SHA-256 hashes. A rotated token keeps its row with rotated_at
-- set, so presenting it again is recognised as reuse (a stolen token) and revokes its session.
CREATE TABLE refresh_tokens (
  token_hash BYTEA PRIMARY KEY,
  session_id UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  rotated_at TIMESTAMPTZ
);

CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

-- Real-name verification results. Name and ID number are encrypted like the phone; number_idx
-- (HMAC blind index) is unique so one ID number verifies one account. Only masked forms are ever
-- returned, and they are kept here so reads need no decryption.
CREATE TABLE user_identities (
  user_id       BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  key_id        TEXT NOT NULL,
  name_enc      BYTEA NOT NULL,
  number_enc    BYTEA NOT NULL,
  number_idx    BYTEA NOT NULL UNIQUE,
  name_masked   TEXT NOT NULL,
  number_masked TEXT NOT NULL,
  provider      TEXT NOT NULL,
  verified_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Guardian consent for users under 14, recorded by an administrator after checking the guardian
-- out of band (support ticket, signed form). Without it such an account stays pending_guardian.
CREATE TABLE guardian_consents (
  user_id      BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  relation     TEXT NOT NULL CHECK (relation IN ('parent', 'legal_guardian')),
  evidence_ref TEXT NOT NULL,
  recorded_by  BIGINT NOT NULL,
  recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
