-- Notes (docs/NOTES.md): what a user keeps from the assistant and elsewhere. A note is made from
-- text, from an AI answer (source 'ai_message': body is a copy of the answer's text, and the two
-- source ids link back to it) or from a picture of the user's (media_id, referenced in media_refs
-- as note/<id> so the orphan sweeper keeps it). Deleting the conversation (by the user, retention
-- or erasure) only clears the link: the copied text stays. frozen hides the note while the
-- account is in its cancellation cooling-off period. updated_at drives the retention period.
CREATE TABLE notes (
  id                     BIGSERIAL PRIMARY KEY,
  user_id                BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  source                 TEXT NOT NULL CHECK (source IN ('text', 'ai_message', 'image')),
  title                  TEXT NOT NULL,
  body                   TEXT NOT NULL,
  source_conversation_id BIGINT REFERENCES ai_conversations (id) ON DELETE SET NULL,
  source_message_id      BIGINT REFERENCES ai_messages (id) ON DELETE SET NULL,
  media_id               UUID REFERENCES media_objects (id) ON DELETE SET NULL,
  frozen                 BOOLEAN NOT NULL DEFAULT false,
  created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at             TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The list, newest first, cursor-paged by id; and the count checked against notes.maxPerUser.
CREATE INDEX notes_user_id_idx ON notes (user_id, id DESC);
-- The ON DELETE SET NULL of a deleted conversation or message finds its notes through these.
CREATE INDEX notes_source_conversation_idx ON notes (source_conversation_id) WHERE source_conversation_id IS NOT NULL;
CREATE INDEX notes_source_message_idx ON notes (source_message_id) WHERE source_message_id IS NOT NULL;
CREATE INDEX notes_media_idx ON notes (media_id) WHERE media_id IS NOT NULL;
CREATE INDEX notes_updated_idx ON notes (updated_at);
-- Search by text anywhere in title or body, Chinese included (pg_trgm from V87; see docs/SOCIAL.md
-- for why trigrams rather than full-text search).
CREATE INDEX notes_text_trgm_idx ON notes USING gin (lower(title || ' ' || body) gin_trgm_ops);
