-- A live session's slow mode and pinned message (the pinned message's JSON as shown to viewers).
-- Redis carries them for the chat path; these columns let a Redis that lost its data get them back
-- (they belong to the session, so a new session starts without them).
ALTER TABLE room_sessions
  ADD COLUMN slow_mode_seconds INT NOT NULL DEFAULT 0,
  ADD COLUMN pinned            TEXT;
