-- AI dialogue: a user's conversations with the assistant. system_prompt, when set, is sent first
-- with every request of the conversation. updated_at moves with each new message so lists show
-- the latest conversation first.
CREATE TABLE ai_conversations (
  id             BIGSERIAL PRIMARY KEY,
  user_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title          TEXT NOT NULL,
  system_prompt  TEXT,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ai_conversations_user_updated ON ai_conversations (user_id, updated_at DESC, id DESC);

-- The messages of a conversation, in order. A user message carries the client's request_id (unique
-- per conversation, which makes ai.chat idempotent) and the generation_id of the answer it started;
-- an assistant message records how its generation ended (complete, cancelled with the partial
-- text, or error with its code) and the tokens it used.
CREATE TABLE ai_messages (
  id                 BIGSERIAL PRIMARY KEY,
  conversation_id    BIGINT NOT NULL REFERENCES ai_conversations (id) ON DELETE CASCADE,
  role               TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  content            TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('complete', 'cancelled', 'error')),
  error_code         TEXT,
  request_id         TEXT,
  generation_id      UUID NOT NULL,
  prompt_tokens      INT,
  completion_tokens  INT,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  completed_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ai_messages_conversation ON ai_messages (conversation_id, id);
CREATE UNIQUE INDEX ai_messages_request ON ai_messages (conversation_id, request_id) WHERE role = 'user';

-- One row per generation, whatever its surface (socket or the OpenAI-compatible endpoint) and
-- outcome: the ledger for cost reporting and abuse review. estimated is true when the upstream
-- reported no usage and the counts were estimated from the text.
CREATE TABLE ai_usage (
  id                 BIGSERIAL PRIMARY KEY,
  user_id            BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  generation_id      UUID NOT NULL UNIQUE,
  surface            TEXT NOT NULL CHECK (surface IN ('socket', 'http')),
  provider           TEXT NOT NULL,
  model              TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('complete', 'cancelled', 'error')),
  error_code         TEXT,
  prompt_tokens      INT NOT NULL,
  completion_tokens  INT NOT NULL,
  estimated          BOOLEAN NOT NULL,
  first_token_ms     INT,
  duration_ms        INT NOT NULL,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ai_usage_user_created ON ai_usage (user_id, created_at);
