-- A user's own search history, shown back to them (GET /api/v1/me/search-history). Recorded only
-- while their setting is on; one row per distinct query (searching again moves it to the top),
-- trimmed to the newest social.search.historySize and purged after
-- social.search.historyRetentionDays. Exported and erased with the account.
CREATE TABLE search_history (
  id          BIGSERIAL PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES users (id),
  query       TEXT NOT NULL,
  searched_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (user_id, query)
);

CREATE INDEX search_history_user_idx ON search_history (user_id, searched_at DESC);
CREATE INDEX search_history_age_idx ON search_history (searched_at);

-- The user's search-history setting; no row means the default (recording on). Turning it off
-- stops recording; what was recorded stays until the user clears it or it ages out.
CREATE TABLE search_settings (
  user_id        BIGINT PRIMARY KEY REFERENCES users (id),
  record_history BOOLEAN NOT NULL,
  updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
