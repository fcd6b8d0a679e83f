-- AI painting's usage ledger: one row per generation, whatever its end (complete, cancelled,
-- error), written when it ends. It holds no prompt and no picture, only what accounting and the
-- user's own usage view need; like ai_usage it stays with an erased (anonymized) account.
CREATE TABLE ai_image_usage (
  id               BIGSERIAL PRIMARY KEY,
  user_id          BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  generation_id    UUID NOT NULL UNIQUE,
  surface          TEXT NOT NULL CHECK (surface IN ('socket', 'http')),
  provider         TEXT NOT NULL,
  size             TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('complete', 'cancelled', 'error')),
  error_code       TEXT,
  images           INT NOT NULL,
  first_preview_ms INT,
  duration_ms      INT NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ai_image_usage_user_created ON ai_image_usage (user_id, created_at);

-- The user's gallery of generated pictures: one row per finished picture. The picture itself is a
-- media object (purpose 'ai', referenced as ai_image/<generation id>), so media serves, exports and
-- erases it; id is the gallery's paging cursor (newest first); this row keeps what it was made from (prompt, size, style) for the gallery and export.
CREATE TABLE ai_images (
  id            BIGSERIAL PRIMARY KEY,
  media_id      UUID NOT NULL UNIQUE,
  user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  generation_id UUID NOT NULL UNIQUE,
  prompt        TEXT NOT NULL,
  size          TEXT NOT NULL,
  style         TEXT,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ai_images_user_id ON ai_images (user_id, id DESC);
