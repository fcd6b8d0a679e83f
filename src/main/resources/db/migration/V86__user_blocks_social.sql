-- user_blocks (created in V61 for Nearby) now belongs to the social capability, which adds the
-- block endpoints; Nearby asks social for blocked pairs. id orders GET /api/v1/me/blocks newest
-- first and is its paging cursor.
ALTER TABLE user_blocks ADD COLUMN id BIGSERIAL NOT NULL UNIQUE;

CREATE INDEX user_blocks_blocker_idx ON user_blocks (blocker_id, id DESC);
