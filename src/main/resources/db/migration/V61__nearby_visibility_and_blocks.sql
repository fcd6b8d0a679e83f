-- Nearby visibility: whether a user agreed to be listed to others in Nearby. Separate from the
-- location consent (which lets us process their location at all) and off by default: no row
-- means not visible.
CREATE TABLE nearby_visibility (
  user_id    BIGINT PRIMARY KEY REFERENCES users (id),
  visible    BOOLEAN NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Blocks between users, the minimal form Nearby needs: a blocked pair never sees each other in
-- Nearby, in either direction. Created here because no other capability owned one yet; the
-- accounts/social side may take it over (same shape) and add its own endpoints.
CREATE TABLE user_blocks (
  blocker_id BIGINT NOT NULL REFERENCES users (id),
  blocked_id BIGINT NOT NULL REFERENCES users (id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (blocker_id, blocked_id),
  CHECK (blocker_id <> blocked_id)
);

CREATE INDEX user_blocks_blocked_idx ON user_blocks (blocked_id, blocker_id);
