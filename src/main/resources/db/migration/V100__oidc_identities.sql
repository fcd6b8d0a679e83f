-- Identities at OpenID Connect providers linked to accounts: "subject <subject> at provider
-- <provider> signs in as user <user_id>". One subject per provider signs in to one account, and an
-- account links at most one identity per provider. email is what the provider asserted as verified
-- at the last sign-in (NULL when it was not verified), kept to show the user which account is
-- linked and for the data export. Provider tokens are never stored. Deleted with the account's
-- erasure (and by the cascade).
CREATE TABLE oidc_identities (
  user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider      TEXT NOT NULL,
  subject       TEXT NOT NULL,
  email         TEXT,
  linked_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_login_at TIMESTAMPTZ,
  PRIMARY KEY (user_id, provider),
  UNIQUE (provider, subject)
);
