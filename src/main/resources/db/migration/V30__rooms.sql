-- Live rooms. One row per room a verified host created; a room goes live many times (sessions).
-- status: 'idle' (not streaming), 'live' (a session is running: current_session_id), 'closed' (an
-- admin closed it for good). The stream key is a secret for the media server: only its SHA-256 is
-- kept, so a database leak does not let anyone stream into a room.
CREATE TABLE rooms (
  id                  BIGSERIAL PRIMARY KEY,
  host_id             BIGINT NOT NULL REFERENCES users (id),
  title               TEXT NOT NULL,
  cover_url           TEXT,
  category            TEXT NOT NULL,
  tags                TEXT[] NOT NULL DEFAULT '{}',
  status              TEXT NOT NULL DEFAULT 'idle' CHECK (status IN ('idle', 'live', 'closed')),
  current_session_id  BIGINT,
  stream_key_hash     BYTEA NOT NULL,
  stream_key_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX rooms_live_idx ON rooms (id DESC) WHERE status = 'live';
CREATE INDEX rooms_host_idx ON rooms (host_id);

-- One live session of a room: when it started and ended, what started it (the host over HTTP or the
-- media server's publish webhook), and the stats copied from Redis when it ended, so they outlive
-- Redis and can be reported later.
CREATE TABLE room_sessions (
  id             BIGSERIAL PRIMARY KEY,
  room_id        BIGINT NOT NULL REFERENCES rooms (id),
  started_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  started_by     TEXT NOT NULL CHECK (started_by IN ('http', 'media')),
  ended_at       TIMESTAMPTZ,
  end_reason     TEXT,
  peak_viewers   INTEGER NOT NULL DEFAULT 0,
  total_likes    BIGINT NOT NULL DEFAULT 0,
  message_count  BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX room_sessions_room_idx ON room_sessions (room_id, id DESC);

-- Room moderators appointed by the host. Durable here; mirrored into Redis when a session starts so
-- the chat hot path checks them without a database round trip.
CREATE TABLE room_moderators (
  room_id       BIGINT NOT NULL REFERENCES rooms (id),
  user_id       BIGINT NOT NULL REFERENCES users (id),
  appointed_by  BIGINT NOT NULL,
  appointed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (room_id, user_id)
);

-- Mutes, bans and kick re-join bans per room and user. until NULL means permanent. Redis holds the
-- live copy with TTLs (checked on every subscribe and publish); this table is the durable copy that
-- is loaded back into Redis when a session starts, so a Redis restart does not lift a ban.
CREATE TABLE room_restrictions (
  room_id     BIGINT NOT NULL REFERENCES rooms (id),
  user_id     BIGINT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('mute', 'ban', 'kick')),
  until       TIMESTAMPTZ,
  created_by  BIGINT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (room_id, user_id, kind)
);

-- Accepted live-chat messages, written in batches off the hot path. id is the time-ordered id the
-- message was published with (so a retried batch is idempotent: ON CONFLICT DO NOTHING). Kept for
-- moderation review, history reload when Redis lost it, and the sender's data export.
CREATE TABLE chat_messages (
  id          BIGINT PRIMARY KEY,
  room_id     BIGINT NOT NULL,
  session_id  BIGINT,
  sender_id   BIGINT NOT NULL,
  text        TEXT NOT NULL,
  masked      BOOLEAN NOT NULL DEFAULT false,
  sent_at     TIMESTAMPTZ NOT NULL,
  deleted_at  TIMESTAMPTZ,
  deleted_by  BIGINT
);

CREATE INDEX chat_messages_room_idx ON chat_messages (room_id, id DESC);
CREATE INDEX chat_messages_sender_idx ON chat_messages (sender_id, sent_at);
