-- Accounts: one row per user. Personal data that needs protecting at rest (phone, real name, ID
-- number) lives in encrypted columns added by the accounts migrations, never here in plaintext.
-- status drives what an account may do: 'active'; 'pending_guardian' (under 14, no guardian
-- consent yet); 'frozen' (cancellation pending, within the appeal period); 'cancelled' (erased,
-- kept only as an anonymous id for ledger retention); 'banned'.
CREATE TABLE users (
  id                 BIGSERIAL PRIMARY KEY,
  nickname           TEXT NOT NULL,
  avatar_url         TEXT,
  gender             TEXT CHECK (gender IN ('male', 'female', 'other', 'unspecified')),
  bio                TEXT,
  role               TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'moderator', 'admin')),
  status             TEXT NOT NULL DEFAULT 'active'
                     CHECK (status IN ('active', 'pending_guardian', 'frozen', 'cancelled', 'banned')),
  birth_date         DATE,
  identity_verified  BOOLEAN NOT NULL DEFAULT false,
  policy_version     TEXT,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
